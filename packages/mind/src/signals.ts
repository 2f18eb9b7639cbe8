import type { Dimension } from "@attune/model";
import type { DirectiveScope, IntentName, StateName } from "./dimensions.js";
import { sharedVocabulary, tokenize, type Vocabulary } from "./vocabulary.js";

/** One cue found in a message, before it is weighed as evidence about a belief. */
export interface Signal {
  signal: string;
  dimension: Dimension;
  key: string;
  /** Log-likelihood-ratio-like strength; negative contradicts `key`. */
  weight: number;
  /** A soft observation of where the quantity lies, 0..1 (knowledge tiers); else the weight's sign. */
  value?: number;
  excerpt: string;
}

/** Knowledge key for what a person says about their expertise in general. */
export const GENERAL_TOPIC = "general";

/** Plan dimensions a reaction can be about. */
export type FeedbackTarget =
  | "length"
  | "depth"
  | "examples"
  | "structure"
  | "tone"
  | "pace"
  | "ask"
  | "challenge"
  | "explore";

/** What the person said about the previous reply: which way one plan dimension should have gone. */
export interface Feedback {
  target: FeedbackTarget;
  /** The value the person asked for (e.g. `brief`, `expert`, `true`). */
  wants: string;
  excerpt: string;
}

/** An explicit instruction about how to answer, with its scope. */
export interface Directive {
  /** Stable key, e.g. `length=brief`. */
  key: string;
  target: FeedbackTarget;
  value: string;
  scope: DirectiveScope;
  text: string;
}

export interface Perception {
  signals: Signal[];
  feedback: Feedback[];
  directives: Directive[];
  /** Topics shown by the person's own words (pasted/quoted text excluded), with the terms that showed them. */
  topics: Map<string, string[]>;
  /** Topics that appeared only in pasted or quoted text. */
  pastedTopics: string[];
  pasted: boolean;
  /** Cue-based reading of how the previous reply landed, −1..1, when the text says so. */
  satisfaction: number | undefined;
  wordCount: number;
  questions: number;
  /** The person's own words (quotes and code removed), for learned readers. */
  own: string;
  /** Lowercase word tokens of `own`. */
  tokens: string[];
  /** The person asserts a sweeping or contestable claim ("everyone knows…", "…, right?"): worth testing. */
  claim: boolean;
}

/** Splits a message into the person's own words and what they pasted or quoted. */
export function ownWords(text: string): { own: string; pasted: string } {
  const pastedParts: string[] = [];
  const withoutFences = text.replace(/```[\s\S]*?(?:```|$)/g, (block) => {
    pastedParts.push(block);
    return " ";
  });
  const ownLines: string[] = [];
  for (const line of withoutFences.split("\n")) {
    // Quoted lines, indented code, stack frames and shell prompts are someone else's words or output.
    if (/^\s*>/.test(line) || /^( {4}|\t)\S/.test(line) || /^\s*(at \S+ \(|\$ |Traceback|File ")/.test(line)) {
      pastedParts.push(line);
    } else {
      ownLines.push(line);
    }
  }
  // Inline quotes of someone else ("he said: '…'") are relayed, not authored.
  const own = ownLines.join("\n").replace(/\b(?:said|says|wrote|writes|asked)[:,]?\s*["“][^"”]{8,}["”]/gi, (m) => {
    pastedParts.push(m);
    return " ";
  });
  return { own, pasted: pastedParts.join("\n") };
}

// Cue patterns are written in lowercase and run on lowercased text: case-sensitive matching is
// markedly faster in V8 than the `i` flag, and the fast path has a 0.2 ms budget.
const re = (source: string, flags = "") => new RegExp(source, flags);

/** Index just past the group that opens at `open` (a `(`), skipping escapes and classes. */
function closeOf(src: string, open: number): number {
  let depth = 0;
  let cls = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (cls) cls = c !== "]";
    else if (c === "[") cls = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return src.length;
}
/** Splits a regex source on top-level `|` (outside groups and classes). */
function splitTop(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cls = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (cls) cls = c !== "]";
    else if (c === "[") cls = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}
const isLiteral = (c: string | undefined) => c !== undefined && /[a-z0-9 ,;:'-]/.test(c);
const isQuantifier = (c: string | undefined) => c === "?" || c === "*" || c === "+" || c === "{";
/**
 * Rewrites one alternative so it starts with a literal character where that is cheap: a leading
 * `(?:a|b)rest` becomes `arest|brest` (when small), and a leading lookbehind moves past the first
 * literal (`(?<!L)ab` ≡ `a(?<!La)b`), so it runs only after the first character matched.
 */
function normalize(alt: string): string[] {
  if (alt.startsWith("(?:")) {
    const end = closeOf(alt, 0);
    const quantified = isQuantifier(alt[end]);
    const branches = splitTop(alt.slice(3, end - 1));
    const tail = alt.slice(end);
    if (!quantified && branches.length * tail.length <= 600) return branches.flatMap((b) => normalize(b + tail));
  }
  if (alt.startsWith("(?<!") || alt.startsWith("(?<=")) {
    const end = closeOf(alt, 0);
    const after = alt.slice(end);
    if (isLiteral(after[0]) && !isQuantifier(after[1])) {
      return [`${after[0]}${alt.slice(0, end - 1)}${after[0]})${after.slice(1)}`];
    }
    if (after.startsWith("(?:") && !isQuantifier(after[closeOf(after, 0)])) {
      const close = closeOf(after, 0);
      const tail = after.slice(close);
      const branches = splitTop(after.slice(3, close - 1));
      if (branches.length * (tail.length + end) <= 1200) {
        return branches.flatMap((b) => normalize(alt.slice(0, end) + b + tail));
      }
    }
  }
  return [alt];
}
/** Factors alternatives into a trie on leading literal characters, so V8 dispatches on one char. */
function factor(alts: string[]): string {
  const groups = new Map<string, string[]>();
  const rest: string[] = [];
  for (const alt of alts.flatMap(normalize)) {
    const c = alt[0];
    if (c !== undefined && isLiteral(c) && !isQuantifier(alt[1])) {
      const group = groups.get(c);
      if (group) group.push(alt.slice(1));
      else groups.set(c, [alt.slice(1)]);
    } else rest.push(alt);
  }
  const parts: string[] = [];
  for (const [c, tails] of groups) {
    const nonEmpty = [...new Set(tails.filter((t) => t !== ""))];
    if (nonEmpty.length === 0) parts.push(c);
    else if (nonEmpty.length === 1 && nonEmpty.length === tails.length) parts.push(c + nonEmpty[0]);
    else {
      const inner = factor(nonEmpty);
      parts.push(nonEmpty.length < tails.length ? `${c}(?:${inner})?` : `${c}(?:${inner})`);
    }
  }
  return [...parts, ...rest].join("|");
}

/** Every cue's word-bounded alternatives and raw tail, from which the scanner is built. */
const CUE_PARTS = new Map<RegExp, { alternatives: string[]; tail: string }>();

/**
 * One word-bounded alternation from a readable list: alternatives are written one or a few to a line
 * (lines are joined with `|`). `tail` holds raw alternatives that must not end in `\b` (punctuation,
 * emoji); `lead` goes before the alternation, e.g. a negative lookbehind that vetoes them all.
 * The list is compiled as a trie on leading characters (see `factor`): a flat alternation of a
 * hundred phrases costs a hundred checks at every word, the trie about one per letter. Each cue stays
 * one regex: extend the list rather than adding regexes.
 */
const cue = (lines: string, tail = "", lead = "") => {
  const alternatives = lines
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap(splitTop);
  const regex = re(String.raw`\b${lead}(?:${factor(alternatives)})\b${tail ? `|${tail}` : ""}`);
  CUE_PARTS.set(regex, { alternatives, tail });
  return regex;
};

/** Vetoes a cue that is being negated ("no bullet points", "don't need examples"). */
const NEG = String.raw`(?<!\b(?:no|not|nor|or|without|never|fewer|less|hate|not interested in|(?:do|does|did)n'?t (?:need|want|use|give me|like)|do not (?:need|want|use)|skip the|drop the|lose the|ditch the|cut the|stop (?:using|with the|with|giving)|enough with the|too many|so many|no more|not in|not as|not a) )`;
/** "The query takes too long" is about the system, not the reply. */
const NOT_ABOUT_REPLY = String.raw`(?<!\b(?:takes?|taking|took|waits?|waiting|waited|lasts?|lasted|runs?|ran|running|loads?|loading|loaded|been|for|hangs?|hung|compiles?|compiling|builds?|building|spent|spends?|(?:timeout|interval|ttl|window|delay|name|password|key|string|buffer|limit|duration|token|path|url|line|variable|list|queue)s? (?:is|are|was|were)) (?:way |far |much |a bit |a little |slightly |just |still )?)`;
/** "Don't show me the code" is not asking for code. */
const NOT_CODE = String.raw`(?<!\b(?:no|not|without|never|(?:do|does)n'?t|do not|no need to|(?:do|does)n'?t (?:need|want)(?: to)?) )`;

const CUES = {
  definitional: cue(String.raw`
    what(?:'s| is| are| does| do you mean by)|what (?:even|exactly) is|whats? an?
    wtf is|wth is|what the (?:heck|hell) is
    define|definition of|meaning of|never heard (?:of|the term)|new to
    eli5|explain like i'?m|explain what|stand for|short for
    (?:don'?t|do not|idk) know what (?:an? |the )?\w+ (?:is|means|does)|idk what (?:an? |the )?\w+ (?:is|means|does)
    (?:keep|kept) (?:seeing|hearing)|people keep (?:saying|mentioning|talking about)|what'?s that|what is that|in plain (?:words|english|terms)
    is (?:an? |the )?\w+(?: \w+)? (?:the same (?:thing )?as|basically|just like|kind of like|sort of like|like an?|the thing that)
    (?:can you |could you )?translate|is that (?:right|true|correct|legit)\?|what does (?:that|this|it) (?:even |actually )?(?:mean|do)
  `),
  hedge: cue(String.raw`
    i think|i guess|maybe|not sure|not (?:100%|entirely|totally|completely) sure|probably|kind of|sort of|kinda|sorta
    i believe|if i understand|iirc|afaik|as far as i know|might be|could be wrong|correct me if
    i suppose|perhaps|i assume|presumably|i reckon|i feel like|seems like|idk
  `),
  confused: cue(
    String.raw`
    confus\w*|confuzzled|baffl\w*|perplex\w*|bewilder\w*|befuddl\w*|puzzl(?:ed|ing)|mystif(?:ied|ying)
    (?:you |u )?lost me|i'?m (?:so |completely |totally |a bit |kinda |kind of |a little |still |now )?(?:lost|stumped)
    (?:don'?t|do not|didn'?t|did not|still don'?t|still can'?t|can'?t) (?:get|understand) (?:it|this|that|why|how|what|the point|the difference|the idea|the concept|the \w+ part|any of (?:it|this|that))
    (?:don'?t|do not|didn'?t|did not|still don'?t|can'?t) (?:understand|follow|grasp|comprehend|see how (?:that|this|it))
    (?:doesn'?t|does not|don'?t|isn'?t|not) (?:make|making) (?:any |much )?sense|makes no sense|made no sense|can'?t make sense|make sense of
    (?:over|above|past) my head|(?:right|straight|way|went) past me|whoosh
    no (?:idea|clue) what|not a clue|(?:i have|i got|i'?ve got) no clue|clueless
    what do you mean|what does (?:that|this|it) (?:even )?mean|wdym|what are you (?:saying|talking about)|huh\?|come again
    say (?:that|it|this) (?:again|differently|another way|in english|more simply)
    (?:put|explain|phrase|word|say) (?:it|that|this) (?:another way|differently|in other words|a different way|more simply)|rephrase|reword
    (?:in )?english please|in plain english
    (?:i'?m |am )?not (?:really |quite )?following|not sure i (?:follow|understand|get it)|can'?t follow|hard to follow|lost the thread
    head (?:is|'?s) spinning|makes my head spin|my (?:head|brain) hurts|brain (?:hurts|melted|is fried)|clear as mud|greek to me|gibberish
    not (?:clicking|sinking in)|(?:doesn'?t|didn'?t|hasn'?t|isn'?t|still not|not) click(?:ing|ed)?
    (?:that'?s|still|kinda|a bit|very|super|totally) unclear|unclear to me
    wait,? what|eli5|(?:i'?m|am i) missing something
  `,
    String.raw`\?\?+|\b(?:huh|wat|wut|say what|sorry what|what now)\?|^\s*what\?`,
  ),
  rushed: cue(
    String.raw`
    asap|urgent\w*|emergency|quick(?:ly|ie)?|hurry|hurried|rush(?:ed|ing)?|in a rush|fast
    deadlines?|tight deadline|due (?:today|tonight|tomorrow|in|by|at|soon|this)
    right now|no time|short on time|pressed for time|tight on time|strapped for time|low on time
    (?:running|ran) (?:out of time|late|behind)|out of time|time crunch|crunch time|in a crunch
    racing (?:the|against the) clock|against the clock|clock(?:'s| is) ticking|ticking clock
    between meetings|back[- ]to[- ]back|in a meeting|swamped|slammed
    (?:standup|stand-up|meeting|call|demo|sync|presentation|interview|review|flight|train|class|exam|launch|release|cutover|1:1|one on one) (?:is |starts |starting |begins )?in (?:\d+|an?|a few|a couple|half an|ten|five|fifteen|twenty|thirty|two|three)
    in \d+ ?(?:min|mins|minutes|m|sec|secs|seconds)|in (?:a few|a couple of|a couple) (?:min|mins|minutes)
    before (?:eod|cob|end of (?:day|the day|business)|lunch|my (?:next )?(?:meeting|call|flight|standup)|the (?:meeting|call|demo|standup|deadline|release|deploy|review)|standup|tomorrow morning)
    by (?:eod|cob|end of (?:day|the day|business)|tonight|noon|\d+ ?(?:am|pm))|eod|cob
    need (?:this|it|an answer|a fix|help|the fix|a solution|something) (?:now|today|fast|quickly|asap|yesterday|right away|before|by|soon|urgently)|needed (?:it|this) yesterday
    can'?t (?:dig in|dig into|go deep|read all)|no time to (?:dig|read|learn|go)|(?:don'?t|do not) have (?:much |a lot of |the )?time|haven'?t (?:got )?(?:much )?time|got (?:no|little|limited) time|(?:only )?(?:got|have) \d+ ?(?:min|mins|minutes|secs?|seconds)
    time[- ]sensitive|time[- ]critical|(?:prod|production|the site|site) is down|on fire|outage|sev ?[012]
    before (?:the |my |our )?\d+ ?(?:am|pm|:\d\d)?(?: \w+)?|(?:about to|have to|gotta|got to) (?:board|catch|hop on|jump on|leave|run|head out|log off)|(?:i )?have (?:like |only |just )?(?:\d+|a few|a couple|two|five|ten) ?(?:min|mins|minutes|secs?|seconds)
    (?:release|launch|deploy|demo|deadline|cutover|go-?live)(?: is|'?s)? (?:tonight|today|tomorrow|this afternoon|this morning|in an hour)|(?:ship|deliver|submit|finish|present|deploy|send) (?:this|it) (?:today|tonight|now|this afternoon)
    (?:tl;?dr|short) version|quick (?:answer|question|one|fix|version)|one[- ]liner please|(?:boarding|leaving|landing) (?:soon|now|in)
    blocking (?:the )?(?:release|deploy|launch|team|everyone)|blocker|(?:boss|client|customer|everyone|they) (?:is|are) waiting|waiting on me
    shipping (?:today|tonight|tomorrow)|ships? (?:today|tonight|tomorrow)|code freeze|quick and dirty
  `,
    "",
    String.raw`(?<!\b(?:no|not|(?:do|does|did|is|are|was|were|ca|wo)n'?t|not in a|not in any|no big|no real|no need to|in no|there'?s no) )`,
  ),
  frustrated: cue(
    String.raw`
    ugh+|u+gh+|argh+|a+rgh+|grr+|gah+
    still (?:broken|failing|fails|not working|doesn'?t work|wrong|getting|the same|crashing|nothing|no luck|stuck|happening|erroring)
    (?:doesn'?t|does not|isn'?t|is not|not|won'?t|still not) work(?:ing|s)?|nothing (?:works|is working|worked|helps|helped)
    annoy\w*|frustrat\w*|infuriat\w*|exasperat\w*|irritat\w*|maddening
    wtf|ffs|fml|smh|omfg|jfc|fuck\w*|shit|damn\w*|dammit|goddamn\w*|bloody hell|effing|freaking|frickin\w*
    sick (?:of|and tired)|fed up|had enough|so done with
    driving me (?:crazy|nuts|insane|mad|up the wall|bonkers)|drives me (?:crazy|nuts)|going (?:crazy|insane|nuts)|losing my mind|lose my mind
    pulling my hair|tearing my hair|bang(?:ing)? my head|want to (?:scream|cry|throw|quit|smash)|about to (?:scream|cry|lose it|throw)
    for the \w+ time|(?:third|fourth|fifth|tenth|nth|umpteenth|millionth|100th) time
    i already (?:said|told you|tried|did)|i literally (?:just )?(?:said|told you|tried)|as i (?:said|mentioned)|like i said|i told you|i said (?:already|before)
    you keep (?:saying|repeating|giving|suggesting|doing|ignoring|making|telling)|same (?:error|thing|issue|problem|answer|mistake) again
    again and again|over and over|(?:round|around|going) in circles
    tried everything|i give up|giving up|at my wits'? end|wits end|end of my rope|last straw
    (?:hours|days|all day|all night|all morning|whole day|entire day) (?:on|trying|debugging|fighting|wasted|of this)|wasted (?:hours|days|my|the whole|all day|so much time)
    useless|pointless|ridiculous|unbelievable|unacceptable|terrible|awful|horrible|garbage|hate (?:this|it|that|when)|sucks
    are you serious|come on|cmon|why won'?t|why (?:does|is) (?:it|this) (?:keep|always|still)
    keeps (?:failing|crashing|breaking|happening|erroring|timing out|throwing|giving me|returning)|facepalm|kill me
  `,
    String.raw`!{2,}|\?!+|!\?+|\bseriously\?|😤|😡|🤬|😠|😩|😫|🙄|🤦`,
  ),
  playful: cue(
    String.raw`
    lol\w*|lulz?|lmf?ao+|rofl\w*|kek|haha\w*|(?:ba|bwa|mwa|a)haha\w*|hah|heh\w*|teehee
    jk|j/k|just kidding|kidding|jokes? aside|(?:no )?pun intended|banter|just for fun|for the lulz|fun fact|cheeky|tongue in cheek|xd+|wink
  `,
    // Smiling, laughing, winking and tongue-out emoji (U+1F600–60F, 61B–61D, 638–63D, 642–643, 913, 917,
    // 923, 92A, 92D, 973) as UTF-16 pairs: every cue shares one scanner, which has no `u` flag.
    String.raw`\uD83D[\uDE00-\uDE0F\uDE1B-\uDE1D\uDE38-\uDE3D\uDE42\uDE43]|\uD83E[\uDD13\uDD17\uDD23\uDD2A\uDD2D\uDD73]|:-?[)dp3]|;-?[)p]|\^_*\^`,
  ),
  skeptical: cue(
    String.raw`
    are you sure|you sure|u sure|are you certain|sure about (?:that|this)
    i doubt|doubt (?:it|that|this)|doubtful|dubious|not convinced|unconvinced|skeptic\w*|sceptic\w*|suspicious|fishy|smells (?:off|wrong|fishy)
    that'?s (?:wrong|not right|incorrect|not true|not how|not accurate|false|a myth|outdated)|not true
    i don'?t (?:think|buy) (?:so|that|it)|don'?t buy (?:it|that)|not buying (?:it|that)
    sounds (?:off|wrong|fishy|too good|made up|like a hallucination)|seems (?:off|wrong|fishy|too good|sketchy)
    (?:doesn'?t|does not) (?:sound|seem|look) right|that can'?t be right|can'?t be right|too good to be true
    prove it|says who|according to (?:who|whom|what)|based on what|how do you know|where did you (?:get|read|find|hear)|where'?s (?:that|this) from
    (?:your|a|any|what'?s the|what'?s your|got a|have a|need a) (?:source|citation|reference)s?|(?:source|sources|citation) (?:please|pls|needed)|citation|cite (?:it|that|this|a|your|sources)
    did you (?:just )?make (?:that|this|it) up|made (?:that|this|it) up|hallucinat\w*|fact[- ]check
    hmm+|is that (?:true|right|correct|so|accurate|actually|really|even)|is it though|does it though|last i checked
    i'?ve (?:heard|read) (?:otherwise|differently|the opposite)|contradict\w*|doesn'?t add up|not what the docs say|docs say otherwise
  `,
    String.raw`\b(?:really|sources?|proof|reference|sure|is it|does it)\?|🤨|🧐|🤔|😒`,
  ),
  engaged: cue(String.raw`
    interesting|fascinating|intriguing|tell me more|say more|go on|keep going|(?:i'?m |i am )?hooked|love (?:this|it|that)|this is (?:fun|cool|great|neat|awesome|gold)
    (?:oh|ooh+|oo+h) (?:neat|nice|cool|interesting)|ooh+|neat|clever|now we'?re talking|great stuff|good stuff|wow|whoa|mind blown|never thought of (?:it|that)
    what else|and then what|more (?:of this|please|like this)|can'?t wait|excited|love learning|want to (?:dig|go) deeper|rabbit hole
  `),
  thanks: cue(
    String.raw`
    thanks|thank you|thank u|thx|thnx|thanx|ty|tysm|tyvm|cheers|appreciate (?:it|that|this|you|the)|much appreciated|grateful
    got it|gotcha|understood|makes (?:total |perfect |complete )?sense|now i (?:get|understand|see)|(?:oh|ah|ahh+|aha) i see|i see now|(?:that|it) clicked|clicks now
    perfect|great|awesome|nice|exactly|brilliant|excellent|amazing|fantastic|wonderful|superb|sweet|neat|cool|spot on|nailed it|bingo
    legend|lifesaver|life saver|you rock|you'?re the best|love (?:it|this|that)|much better|way better|better now
    helpful|that helps|this helps|that helped|that works|this works|works now|working now|that worked|that did it|did the trick|fixed it|problem solved
    all good|sounds good|looks good|lgtm|clear now|crystal clear
  `,
    String.raw`👍|🙏|🎉|🙌|👌|💯|❤`,
  ),
  negative: cue(String.raw`
    wrong|not what i (?:asked|meant|wanted|need|needed|was looking for|was asking)|not (?:quite|exactly) what i
    useless|unhelpful|not helpful|not useful|not very helpful|(?:doesn'?t|didn'?t|does not|did not) help|no help
    you (?:missed|misunderstood|misread|ignored|didn'?t (?:read|answer|listen|understand))|(?:missed|missing|miss) the point
    (?:didn'?t|doesn'?t) answer (?:my|the) question|that'?s not (?:it|what|helpful|useful)|no,? that|nope|nah|meh
    irrelevant|off[- ]topic|waste of time|not really|made it worse|even worse|bad answer|(?:please|pls|plz) try again|try that again
  `),
  correction: cue(
    String.raw`
    no,? (?:it|that|the)|that'?s (?:wrong|incorrect|not right|not true|not how)|you'?re (?:wrong|mistaken|confusing)|you are (?:wrong|mistaken)
    it'?s not \w+,? it'?s|small correction|you got (?:it|that|this) (?:wrong|backwards|mixed up)|(?:the )?other way (?:a)?round|that'?s backwards
    not quite right|you mixed up|you'?re thinking of|no,? i meant
  `,
    String.raw`\bactually,|\bcorrection:`,
  ),
  persistent: cue(String.raw`
    from now on|from here on(?: out)?|from here forward|always|in (?:the )?future|going forward|moving forward|every time|each time
    for all (?:future )?(?:answers|replies|responses|questions)|by default|never again|in general|as a rule
    all (?:of )?your (?:answers|replies|responses)|(?:in )?(?:every|all) (?:answers?|replies|reply|responses?)|whenever you (?:answer|reply|respond|explain)
    next time|remember (?:that|this|to)|keep in mind|never (?:use|give|add|include|do|ask|say|start|write|put|show|send)
  `),
  turnScope: cue(String.raw`
    this time|for this (?:one|answer|question|reply|response|part|bit|case)|just (?:this|now|for this|for now)|for now|right now
    this once|just once|for the moment|in this case|on this one
  `),
  // Standing instructions (as opposed to a request about the next reply) last the session.
  sessionScope: cue(String.raw`
    for (?:this|the rest of (?:this|the|our)) (?:conversation|chat|session|thread)|in this (?:conversation|chat|session|thread)|for today|today
    keep (?:it|them|answers|things|replies|responses|your answers|your replies)|stop \w+ing|no more|don'?t (?:ever )?\w+|quit \w+ing|enough with
    (?:please|pls|plz) (?:be|use|keep|give|stop|avoid|don'?t)
    i (?:prefer|like|want|need|'?d prefer|'?d like|'?d rather) (?:my |your )?(?:answers|replies|responses|explanations|it|things|them)
    i (?:learn|understand|work|think|read) (?:best|better)|i'?m (?:more of )?an? (?:visual|hands-on|example|code|big[- ]picture|detail) (?:learner|person|guy|gal|type)
  `),
} as const;

/**
 * Feedback cues: the person's reaction aimed at one plan dimension. The first match per target wins,
 * so within a target the more specific and the negated readings come first ("no examples" before
 * "example", "no bullet points" before "bullet").
 */
const FEEDBACK: [FeedbackTarget, string, RegExp][] = [
  [
    "length",
    "brief",
    cue(String.raw`
      ${NOT_ABOUT_REPLY}too (?:long(?! ago| to (?:load|run|build|compile|respond|finish|complete|start|execute|process|boot|deploy))|wordy|verbose|lengthy|long-?winded|rambly)
      long[- ]winded|rambl(?:y|ing)|wall of text|text wall|walls of text|(?:this|that)'?s an essay|a whole (?:essay|novel|book|thesis|dissertation)
      (?:didn'?t|did not|don'?t|do not) (?:ask for|need|want) (?:an essay|a novel|a thesis|a dissertation|a book|a lecture|all that|all this)
      tl;? ?dr|tl dr|tldr
      shorter|short(?:er)? (?:version|answer|one|please|pls|plz)|the short (?:version|answer)|short and sweet
      keep it (?:short|brief|tight|snappy|quick|concise|lean|to a minimum)|be (?:brief|concise|short|succinct|terse)|more (?:concise|succinct|compact)|concise(?:ly)?|succinct(?:ly)?
      less (?:verbose|wordy|text|words|rambling)|fewer words|(?:trim|shorten|condense|compress|cut) (?:it|that|this)(?: down)?|cut to the chase
      get to the point|straight to the point|(?:be|keep it) to the point|just the bottom line|what'?s the bottom line|bottom line (?:it|please|pls)
      just the (?:answer|gist|command|commands|fix|essentials|highlights|headline|summary|tl;?dr|short version|important (?:bits|parts))|the gist (?:please|pls)|give me the gist|gist of it|what'?s the gist
      in (?:a|one|two|2|three|3|a few|a couple of|a single|one or two) (?:sentence|sentences|lines|line|words|word|tweet)|in a nutshell|one[- ]liner|one sentence
      (?:could|could'?ve|could have|should'?ve|should have) (?:said|explained) (?:that|it|this) in|(?:could|could'?ve|could have) been (?:a |an |one )?(?:sentence|line|email|tweet|paragraph)|(?:two|2|three|3|a few) lines
      too much (?:text|detail|details|info|information|reading|to read)|too detailed|way too much
      (?:didn'?t|not gonna|not going to|won'?t|can'?t|i'?m not gonna) read (?:all )?(?:that|this)|not reading (?:all )?that|skimmable|scannable
      briefly|brief(?:er)? (?:answer|version|summary|please|pls|overview)|summar(?:ize|ise)|give me (?:a |the )?(?:quick |short |brief )?summary|(?:quick|short|brief) summary|sum (?:it|that|this) up|recap
      skip the (?:preamble|intro|introduction|backstory|background|essay|history|wind-?up)|no (?:essays?|novels?)|less is more
      (?:more|longer) than (?:i|we) (?:needed|need|asked for|wanted)|(?:that|this|it) (?:was|is) (?:(?:a bit|kinda|way|really|super|pretty) )?(?:long|a lot)|(?:novel|essay|book|thesis)[- ](?:length|sized|long)
      (?:just|only) (?:wanted|needed|asked for) (?:the |a )?(?:quick|short|simple|one-line|brief) (?:answer|version|fix|reply)|lost in (?:all )?(?:that|this|the) (?:text|wall|essay)|skimmed (?:it|that)
    `),
  ],
  [
    "length",
    "thorough",
    cue(
      String.raw`
      more (?:detail\w*|depth|info|information|context|specifics|explanation)|(?:go |get )?into (?:more |much more |greater |further )?detail|in (?:more |full |great |greater |much more )?detail
      detailed|(?:full|all the|more|gory) details|details (?:please|pls|plz)|elaborate|expand (?:on|upon|a bit|that|this)|flesh (?:it|that|this) out|unpack (?:it|that|this)
      tell me more|say more|more about (?:that|this|it)|go deeper|dig deeper|deeper dive|deep[- ]dive|in[- ]depth|thorough\w*|comprehensive\w*|exhaustive\w*
      long(?:er)? (?:version|answer|form|explanation)|long answers? (?:is|are) fine|(?:don'?t|do not) mind (?:long|longer|a long|detail)|the long version
      ${NOT_ABOUT_REPLY}too (?:short|brief|terse|thin|sparse|vague|shallow|skimpy|superficial|hand-?wavy)|(?:a bit|kinda|pretty|very|so|still) (?:vague|thin|sparse|hand-?wavy)
      hand-?wav(?:y|ing)|glossed over|gloss over|skimmed over|not (?:enough|nearly enough) (?:detail|details|info|depth|context)|not long enough|scratch(?:es|ed|ing)? the surface
      full (?:explanation|answer|details|breakdown|rundown|story|picture|context|write-?up|walkthrough)|(?:whole|complete|entire) picture|the full monty|(?:the )?rundown|breakdown|break (?:it|this|that) down(?! into| step)
      explain (?:everything|fully|in detail|more|further|properly|thoroughly|it all)|spell (?:it|everything|that) out|walk me through|leave nothing out
      (?:don'?t|do not) (?:leave|skip) (?:anything|stuff|things|details|steps) out|(?:don'?t|do not) skip (?:anything|details|the details|steps)
      (?:don'?t|do not|stop|quit) drip[- ]?feed\w*|drip[- ]?feed\w*|be more specific|more specifics
      (?:need|want|wanted|hoping for|expected) (?:a lot )?more than that|(?:a )?(?:bit|little) (?:light|thin|short) on (?:details|detail|substance|specifics)|(?:was|were) hoping for (?:a )?(?:fuller|longer|deeper|more complete|more detailed)
    `,
      String.raw`\bthat'?s (?:it|all)\?|\bis that (?:it|all|everything)\?|^\s*and\?+`,
    ),
  ],
  [
    "depth",
    "expert",
    cue(String.raw`
      too (?:basic|elementary|simple|simplistic|obvious|surface[- ]level|high[- ]level|hand-?holdy|beginner|introductory|entry[- ]level|101|dumbed[- ]down|eli5)
      not (?:technical|deep|detailed|advanced|rigorous) enough
      i know (?:that|this|what|how|the basics)(?! you| it'?s| that'?s| this is| is| might| may| sounds| seems| could| i'?m| i )|i already know|already know (?:that|this|how|what|the basics)
      i'?m (?:well )?aware|i get the basics|know the basics|i'?m not (?:a |an )?(?:beginner|newbie|noob|novice|n00b|five|5|new (?:to|at) this|stupid|an idiot|a child|a kid)
      skip (?:the |all the )?(?:basics|101|intro stuff|fundamentals|beginner stuff|primer|obvious stuff|obvious|hand-?holding|eli5|definitions)|(?:beyond|past) the basics|(?:spare me|save) the (?:basics|101|primer)
      no (?:need|reason) to explain (?:the basics|basics|what)|(?:don'?t|no need to) (?:define|explain) (?:basic|the basics|what \w+ is)
      (?:don'?t|do not|stop|quit) (?:dumb(?:ing)? (?:it|this|things) down|baby(?:ing)? me|patroniz\w*|patronis\w*|condescend\w*|talk(?:ing)? down|oversimplify\w*|hand-?hold\w*|spoon-?feed\w*)
      condescending|patronizing|patronising|talking down to me|oversimplif\w*|over-simplif\w*
      (?<!n'?t )assume i know(?! nothing| very little| little| zero)|(?:i'?m|i am) (?:past|beyond|above) (?:that|this) (?:level|stage|point)|(?:that'?s|this is|it'?s) (?:too )?entry[- ]level|(?:i )?need the real (?:details|stuff|thing)|assume (?:i'?m|i am) (?:an expert|familiar|technical|a pro|experienced)|i'?m (?:an expert|familiar|experienced|fluent|comfortable with|well[- ]versed|a pro)
      (?:technical|tech|jargon|math|maths) (?:terms |language |details |speak )?(?:is |are )?(?:fine|ok|okay|welcome|encouraged)|technical terms please
      (?:be|get|go) more technical|more technical|get technical|technical version|(?:go|get) (?:lower[- ]level|low[- ]level|into the weeds)|lower[- ]level|under the hood|internals|nitty[- ]gritty|into the weeds
      (?:more|really) advanced|advanced (?:stuff|details|version|level|topics|material|explanation)|expert[- ]level|(?:at|on) an? expert level|graduate[- ]level|phd[- ]level
      (?:talk|speak|explain|write|answer) (?:to me )?(?:like|as if|as though) (?:i'?m |i am |to )?an? (?:expert|engineer|senior \w+|peer|colleague|professional|specialist|fellow \w+|adult)
      (?:treat|talk to) me (?:like|as) an? (?:expert|engineer|peer|colleague|adult|professional|grown-?up)
      obviously|duh|yes,? i know|i know,? i know
      over-?explain\w*|(?:reads|sounds|feels) like (?:a )?(?:beginner|intro|introductory|101|for dummies) (?:tutorial|guide|course|text|book)|(?:i )?(?:didn'?t|did not) ask what \w+(?: \w+)? (?:is|are|means)
      no need to explain (?:what )?\w+|(?<!n'?t )i know (?:the )?(?:fundamentals|basics|concepts?)
    `),
  ],
  [
    "depth",
    "overview",
    cue(String.raw`
      assume i know (?:nothing|very little|little|zero)|(?:understood|followed|got) (?:maybe |about |like |only |barely )?(?:\d+ ?%|half|a third|none|nothing|very little) of (?:that|this|it|what you)|(?:don'?t|didn'?t) (?:know|understand|get) what (?:half|most|any) (?:of )?(?:those|these|the) (?:words|terms)|dumb (?:\w+ )?down|lost me (?:at|with|there)|(?:i'?m|i am) not at that level|not (?:at|on) that level yet|(?:over|above|past) my head|(?:went|goes|going|flew|flying|whooshed) (?:right |way |straight |completely )?(?:over|past) (?:my head|me)|out of my depth
      too (?:technical|advanced|complex|complicated|dense|jargon\w*|academic|mathy|math-heavy|abstract|theoretical|nerdy|in the weeds|low[- ]level|much jargon|much for me|deep for me|hard to (?:follow|understand|read|grasp))
      simpler|simplif(?:y|ied) (?:it|that|please|pls|for me|things|the explanation|your (?:answer|explanation))|simplified (?:version|explanation|answer)
      simple (?:terms|words|english|language|version|explanation|way)|explain (?:it |this |that )?(?:more )?simply|(?:put (?:it|that|this) )?(?:more )?simply (?:please|pls)
      plain (?:english|language|words|terms|speak)|normal (?:words|language|english|terms|person terms)|human (?:terms|language|words|speak)|english (?:please|pls|plz)
      layman'?s|laymans?|lay (?:person|terms)|non-?technical (?:terms|language|version|explanation|way)
      for (?:a |an )?(?:non-?techie|non-?technical \w+|beginner|newbie|noob|layman|layperson|five[- ]year[- ]old|5[- ]year[- ]old|child|kid|dummies|mere mortals|regular people|normal people|my (?:mom|mum|grandma|grandmother|dad|boss|manager|kid|parents))
      (?:explain|say) (?:it |this |that )?(?:to me )?like (?:i'?m|i am|im) |like (?:i'?m|i am|im) (?:five|5|a beginner|new|a kid|a child|twelve|12|ten|10|an idiot|dumb|stupid|not technical|a noob|a newbie|a toddler)|eli5|eli\d+
      less (?:jargon|technical|jargony|dense|academic|mathy)|no (?:jargon|acronyms|math|maths)|without (?:the |all the |so much )?(?:jargon|acronyms|math|maths)|jargon[- ]free
      (?:too much|so much|lots of|all (?:the|this|that)) jargon|what'?s with (?:all )?the jargon|(?:too many|so many) acronyms
      dumb(?:ed)? (?:it |this |that )?down|dumb version|for dummies|baby version|simple version|basic version
      in (?:simple|simpler|basic|plain|everyday|normal|layman'?s) (?:terms|words|language|english)|big picture|high[- ]level (?:overview|view|summary|idea|explanation|version|picture|understanding)
      (?:just )?the high[- ]level|(?:an|a quick|a brief|a rough|a general|high[- ]level) overview|overview (?:please|pls|first)
      (?:the )?basics (?:first|please|pls|only)|(?:explain|cover|start with|teach me|tell me|give me|just|stick to|keep (?:it|to)) (?:just )?the basics|back to basics
      start (?:from|with|at) the (?:beginning|basics|top)|(?:the )?fundamentals first|from square one|from the very beginning
    `),
  ],
  [
    "examples",
    "none",
    cue(String.raw`
      (?:the )?examples? (?:was|were) unnecessary|didn'?t need (?:the |an |that )?examples?
      (?:no|without|skip the|skip|drop the|fewer|less|enough with the|stop with the|stop giving|spare me the|(?:don'?t|do not) (?:need|want)|no need for|too many) (?:more )?(?:an? |any |the )?(?:examples?|analog(?:y|ies)|metaphors?|illustrations?|hypotheticals|toy examples?)
      examples? (?:aren'?t|are not|isn'?t|is not) (?:needed|necessary|helpful|helping)
    `),
  ],
  [
    "examples",
    "concrete-first",
    cue(
      String.raw`
      with (?:real|actual|concrete) numbers|how would (?:that|this|it) look (?:in practice|with)|real[- ]world (?:example|case)
      ${NEG}(?:an?|some|more|few|concrete|real|real-world|quick|simple|small|worked|toy|specific|practical|good|better|another|couple of|any|code|usage) examples?(?! (?:dataset|data|file|config|project|repo|app|folder|directory|domain|env|environment|server|database|table)s?\b)
      examples? (?:please|pls|would help|help|first|of (?:how|what|this|that|it|when))|(?:with|using|via|through) (?:an? |some )?examples?
      ${NOT_CODE}show me|concrete(?:ly)?|show me a demo|quick demo|demo (?:it|please|pls)
      real[- ]world (?:case|example|scenario|use|usage|code)|real[- ]life (?:example|case|scenario)|sample (?:code|input|output|data|usage|project|app|program|config)|code samples?
      illustrate|use[- ]cases?|show,? (?:don'?t|do not) tell|learn (?:best |better )?(?:from|by|through|with) (?:examples|doing|seeing|code|practice)|i learn (?:best|better) (?:from|by|with|when)
      hands[- ]on|practical (?:examples?|terms|application|side)|more practical|how (?:does|would) (?:it|this|that) work in practice
      what (?:does|would|might) (?:that|it|this) look like|looks? like in (?:code|practice|real life)|(?:show|see) (?:it|this|that) in (?:action|code|practice)
      worked example|toy (?:example|program|case|problem)|specific (?:case|scenario|example)|walk-?through of (?:a|an)
    `,
      String.raw`\bexamples?\?`,
    ),
  ],
  [
    "examples",
    "analogy",
    cue(String.raw`
      mental (?:picture|model|image)|what would (?:this|that|it) be in the real world|like what in (?:real life|everyday)
      ${NEG}analog(?:y|ies)|${NEG}metaphors?|(?:compare|relate) (?:it|this|that) to (?:something|real life|everyday|a real)
      in everyday terms|everyday (?:example|analogy|life|terms|objects)|something (?:i can relate to|familiar|relatable|from everyday|from real life)|relatable|is it (?:kind of |sort of )?like a
    `),
  ],
  [
    "examples",
    "theory-first",
    cue(String.raw`
      understand the (?:model|principle|concept|idea|theory) first|(?:the )?why before the how
      why does (?:it|this|that) work|how does (?:it|this|that) (?:actually )?work under
      underlying (?:principle|principles|theory|idea|concept|model|mechanism|logic|math|reason)|the (?:theory|principles?|concepts?|math|logic|reasoning|rationale|mechanism) (?:behind|first|before)
      theor(?:y|etical) (?:first|side|background|explanation|basis|foundation)|first principles|intuition (?:behind|for)|the intuition|the math behind|mental model|conceptual\w*
      (?:principle|principles|theory|concepts?|the why) (?:first|before)|explain the why|the why behind|why before (?:the )?how|before (?:the )?examples
      general (?:rule|principle|pattern)|formal (?:definition|proof|explanation)|formally|derivation|derive (?:it|this|that)|proof (?:of (?!concept)|for|that)
    `),
  ],
  [
    "structure",
    "code-first",
    cue(String.raw`
      code (?:>|over|before) (?:words|prose|text|explanations?)|(?<!(?:n'?t|not|never) )show (?:me )?(?:some |the )?code|code,? (?:not|then) (?:words|prose)
      ${NOT_CODE}(?:just|only) (?:show me |give me |gimme |send |paste )?(?:the )?(?:code|snippet|diff|command|commands|script|query|sql|regex|config|patch|implementation|function)
      ${NOT_CODE}code[- ](?:first|only)|${NOT_CODE}code (?:please|pls|plz)
      ${NOT_CODE}(?:show|give|send|gimme|write)(?: me)? (?:the |some |a )?(?:code|snippet|diff|implementation)
      ${NOT_CODE}(?:lead|start|open) with (?:the )?(?:code|snippet|example code|implementation)
      (?:less|fewer) (?:talk|talking|words|prose|explanation|text),? (?:more|just) code|code (?:over|instead of) (?:words|prose|explanation|talk)|show me in code|in code form
    `),
  ],
  [
    "structure",
    "steps",
    cue(String.raw`
      in what order|what'?s (?:step one|the first step)|what do i do first|the sequence|break (?:it|this|that) (?:in|into|ino) steps|step (?:one|1) first
      ${NEG}step[- ]by[- ]step|${NEG}numbered (?:steps|list|instructions)|${NEG}(?:a )?checklist
      (?:list|lay out|break (?:it|this|that) (?:down )?into|as|in|into|give me|what are) (?:the |clear |simple |concrete |small |some )?(?:\w+ )?steps
      ${NEG}in order(?! (?:to|for|of|that))|sequence of steps|in sequence|play[- ]by[- ]play
    `),
  ],
  [
    "structure",
    "prose",
    cue(String.raw`
      reads like a slide deck|less listy|(?:in |full |proper )sentences|not (?:a |as )?(?:list|bullets)|paragraphs? please
      no (?:more )?(?:bullet\w*|lists?|listicles?|headers|headings|tables|markdown|formatting|numbered lists?)|without (?:the |any )?(?:bullet\w*|lists?|headers|headings|markdown|formatting)
      (?:fewer|less) (?:bullet\w*|lists?|listy|headers|headings|formatting|markdown|structure|structured|fragmented)|listy
      too (?:listy|many bullet\w*|many lists|many headers|many headings|fragmented|choppy|structured|formatted|bullet-?y)
      not (?:as )?(?:a |in a |in )?(?:list|lists|bullets|bullet points|bullet form)
      (?:stop|quit) (?:using |with )?(?:the )?(?:bullet|list|header|heading|markdown|formatting)\w*|(?:hate|dislike|can'?t stand) (?:the )?(?:bullet|list|header|heading)\w*
      (?:drop|ditch|skip|lose|kill|nix|cut) (?:the |all the |all those )?(?:bullet|list|header|heading|formatting|markdown)\w*
      (?:don'?t|do not|never) (?:use |need |want |give me |do )?(?:the |any )?(?:bullet|lists?\b|header|heading|markdown|formatting)\w*
      (?:in|as) (?:prose|paragraphs?|a paragraph|full sentences|sentences|plain text|normal text|flowing text)|prose (?:please|pls|is fine|form|only)
      paragraph form|(?:full|complete|proper) sentences|write it out|narrative form
    `),
  ],
  [
    "structure",
    "bullets",
    cue(String.raw`
      give me a list|(?:quick |a |as a )list instead|too much (?:paragraph|prose)|put (?:that|it|this) in a list|list (?:it|them) out
      ${NEG}bullet(?:s|ed|ized|ised| points?| list| form)?|${NEG}(?:in |as )(?:a )?(?:list|table)(?! of)|list (?:form|format)|list (?:them|it|these|those|the \w+) (?:out|for me)
      (?:just|only|list|give me|summari[sz]e) (?:the )?(?:key|main) (?:points|takeaways)|(?:key|main) (?:points|takeaways) (?:please|pls|only)|${NEG}listicle|table (?:form|format)|${NEG}(?:skimmable|scannable)|(?:with|use|add) (?:some )?(?:headers|headings)
    `),
  ],
  [
    "pace",
    "one-step",
    cue(
      String.raw`
      (?:just )?(?:tell me )?the first (?:thing|step|part)(?: to do)?(?: for now)?|just the first part|one (?:step|thing) for now
      (?<!\b(?:to|would|could|might|will|does|did|it|that|which|things) )slow down(?! (?:the|my|our|your|it|this|when|after|over|significantly|considerably))|slower (?:please|pls)|go slower|a bit slower
      one (?:step|thing|question|piece|part|bit|idea|concept|change|issue|problem|file) at a time|(?:a )?step at a time|one at a time
      too (?:much|many things|many steps|much info|much information) (?:at once|all at once|in one go|to take in|to digest|to process)
      (?:you'?re|you are|going|moving|that'?s|this is) (?:way |a bit |a little )?too (?:fast|quick(?:ly)?)|not so fast|easy there
      bit by bit|piece by piece|little by little|baby steps|small(?:er)? (?:steps|chunks|pieces|bites)|bite[- ]sized|in (?:smaller |small |bite-?sized )?chunks (?:please|pls)|break (?:it|this|that) into (?:smaller |small )?(?:chunks|pieces|parts)
      overwhelm\w*|(?:information|info) overload|fire ?hose|a lot to (?:take in|digest|process|absorb)|let me (?:digest|process|catch up|absorb|try (?:that|this|it) first)
      give me a (?:sec|second|minute|moment)|before (?:we|you) (?:move on|go on|continue|go further|keep going)|(?:just|only) (?:the )?first step|what'?s the (?:first|next) step
    `,
      String.raw`\bnext step\?`,
    ),
  ],
  [
    "pace",
    "complete",
    cue(String.raw`
      all at once|everything at once|(?:all|everything) in one (?:go|shot|message|reply|answer|response|block|file)|in one (?:go|shot|message|reply|answer|response)|one go
      (?:give me|show me|send|write|paste|just|want) the whole (?:thing|script|file|code|solution|program|answer|process|procedure|list)
      (?:full|complete|entire|whole|finished|final) (?:solution|answer|code|script|program|implementation|example|walkthrough)|all the steps|every step
      (?:give me|show me|send|what'?s|and) the rest(?: of (?:it|the (?:steps|code|answer|solution)))?
      (?:don'?t|do not|no need to) (?:hold back|stop|pause|wait for me|check in|drip[- ]?feed\w*|break it up|split it)|(?:stop|quit) (?:drip[- ]?feed\w*|pausing|splitting)
      keep going|(?:just )?give me everything|everything you (?:have|got|know)|from start to finish|soup to nuts
      (?:skip|stop) (?:the )?(?:one step at a time|baby steps|hand-?holding)|i can handle (?:it|more|the whole)|(?:don'?t|do not) (?:need to )?(?:go|take it) (?:slow|step by step)
    `),
  ],
  [
    "ask",
    "false",
    cue(String.raw`
      (?:stop|quit|no more|don'?t|do not|without) ask(?:ing)?(?: me)?(?: (?:so many |more |any )?(?:questions|clarifying|for clarification|first|what|if|whether))?
      (?:no|enough|fewer|less|too many|so many|why all the|skip the|stop with the) (?:more )?(?:clarifying |follow-?up )?questions
      just (?:answer|do it|pick (?:one|something)|choose|decide|go (?:with it|for it|ahead)|guess|assume|make (?:an assumption|a guess|a call)|write it|give me something)
      (?:make|take) (?:a |an |your |the )?(?:best |educated )?(?:guess|assumption|call)|use your (?:best )?judge?ment|(?:you|u) decide|your call|dealer'?s choice|whatever you think
      (?:whatever|anything) (?:works|is fine)|(?:no need|(?:don'?t|do not) need) to (?:ask|check|confirm|clarify)|(?:don'?t|do not|no need to) (?:check|confirm) with me
      (?:sensible|reasonable|standard) defaults|(?:the )?defaults? (?:are|is) fine|assume (?:the |sensible |reasonable )?defaults|(?:fill in|figure out) the (?:rest|details|blanks)
    `),
  ],
  [
    "ask",
    "true",
    cue(String.raw`
      should(?:'?ve| have) asked (?:first|me|before)|(?:that'?s )?not what i (?:meant|was asking)|i meant the other (?:thing|one)|wrong guess|(?:no,? )?different thing|you assumed (?:wrong|the wrong)|misunderstood (?:me|the question|what i)
      ask me (?:first|if|before|questions|anything|whatever|what you need|for (?:details|clarification|more))|(?:feel free|free|ok|okay|fine|happy|welcome) to ask|ask away
      (?:check|confirm) with me|(?:clarify|confirm|check) (?:first|before)|ask (?:before|clarifying|questions first|first|if (?:you'?re |anything'?s |it'?s )?(?:unsure|unclear|not sure))
      if (?:you'?re|you are) (?:not sure|unsure|unclear)|if (?:anything'?s|anything is|something'?s|something is|it'?s) (?:unclear|ambiguous)|if in doubt
      (?:don'?t|do not|stop|quit) (?:assum\w*|guess\w*|mak(?:e|ing) assumptions)|you (?:assumed|guessed|made assumptions)|(?:you'?re|you are) (?:assuming|guessing)|wrong assumption
      what do you need (?:to know|from me)|what (?:else )?(?:info|information|details|context) do you need|questions (?:are|r) (?:fine|welcome|ok|okay)
    `),
  ],
  [
    "challenge",
    "false",
    cue(String.raw`
      didn'?t ask (?:for|you for) (?:a |an |your |any )?(?:critique|criticism|opinion|opinions|debate|argument|lecture|review|feedback|judge?ment|second opinion|pushback|push back|commentary|sermon|moral\w*|counter\w*|devil'?s advocate|ethics)
      (?:not|i'?m not) (?:asking|looking) for (?:a |an |your )?(?:opinion|opinions|critique|criticism|feedback|permission|approval|debate|argument|lecture|pushback|judge?ment|second opinion|review)
      (?:don'?t|do not|stop|quit|no need to) (?:argu\w*|lectur\w*|question(?:ing)? (?:me|my|it|this)|debat\w*|second[- ]guess\w*|moraliz\w*|moralis\w*|preach\w*|judg\w*|push(?:ing)? back|challeng\w*|nitpick\w*|nit-?pick\w*|play(?:ing)? devil'?s advocate|critiqu\w*|critici\w*|editorializ\w*)
      just do (?:it|what i (?:asked|said|want|told you))|do (?:as|what) i (?:say|said|asked)|i know what i'?m doing
      (?:i'?ve|i have|we'?ve|we have) (?:already )?(?:decided|made (?:up )?(?:my|our) minds?|made the (?:call|decision))|(?:decision|choice) (?:is|'?s|has been) (?:made|final)|already decided|not up for (?:debate|discussion)
      (?:spare|save) me the (?:lecture|sermon|critique|speech|moraliz\w*)|no (?:lectures?|sermons?|moraliz\w*|preaching)|without the (?:lecture|sermon|commentary|critique)
      humou?r me|(?:trust|believe) me|that'?s not (?:the|my) question|not what i'?m asking
    `),
  ],
  [
    "challenge",
    "true",
    cue(String.raw`
      (?:don'?t|do not) just tell me what i want to hear|what would a (?:skeptic|critic|reviewer) say|double[- ]check (?:that|this|me)|(?:sanity|reality)[- ]check|(?:am i|are we) (?:wrong|missing)
      push ?back (?:on (?:me|my|this|that|it|anything|what i)|please|pls|more|harder|if)|(?:feel free|free|ok|okay|please|pls) (?:to )?push ?back|pushback (?:is )?welcome|more pushback|challenge (?:me|my|this|that|these|our|your|any)|poke (?:holes|at)|holes in (?:my|this|the)|find (?:the )?(?:holes|flaws|problems|weak (?:spots|points)|issues) (?:in|with)
      (?:flaws|weak (?:spots|points)|blind ?spots?) (?:in|of|with)|devil'?s advocate|play devil
      be (?:critical|harsh|brutal|ruthless|tough|hard on (?:me|it|this))|brutal(?:ly)? honest\w*|honest (?:opinion|feedback|take|assessment|critique|review)|(?<!to )be honest
      (?:don'?t|do not|no) sugar-?coat\w*|without sugar-?coat\w*
      tell me (?:if|where|when|why) (?:i'?m|i am|this is|it'?s|my \w+ is) (?:wrong|off|mistaken|bad|dumb|stupid)|tell me i'?m wrong|prove me wrong
      am i (?:wrong|crazy|mistaken|off base)|where am i wrong
      critique|criticize|criticise|criticism (?:is )?welcome|roast (?:it|this|my|me)|tear (?:it|this|my \w+) apart|rip (?:it|this) apart
      stress[- ]test|sanity[- ]check|red[- ]team|steel-?man|counter-?argument\w*|counterpoints?|argue (?:against|the other side)|other side of the argument
      (?:you'?re|you are|you keep|stop|quit) (?:just )?(?:agreeing|agree) with (?:me|everything)|(?:don'?t|do not) just agree
      (?:stop|quit) being (?:so )?(?:agreeable|a yes[- ]man|sycophantic|a sycophant|nice)|yes[- ]man|sycophan\w*
      (?:feel free|free|ok|okay) to (?:disagree|push back|challenge)|disagree with me|what could go wrong|(?:is|isn'?t) this a (?:good|bad|dumb|stupid|terrible) idea|talk me out of
    `),
  ],
  [
    "explore",
    "true",
    cue(
      String.raw`
      where could (?:this|that|it) (?:lead|go)|what else (?:could|can|might)|any (?:other )?angles|what (?:am i|are we) not (?:seeing|considering)
      ${NEG}(?:other|more|different|alternative|new|fresh|wild|crazy|creative|unconventional|radical|bold|some) (?:ideas|options|ways|approaches|angles|possibilities|suggestions|solutions|directions|takes|perspectives|avenues|paths|routes|strategies)
      ${NEG}alternatives?|what else|anything else|what other|any other|something else|another (?:way|approach|option|angle|idea|take|route|path|direction)|a different (?:approach|angle|way|idea|take|direction|perspective)
      brainstorm\w*|spitball\w*|bounce (?:some )?ideas|riff (?:on|with)|surprise me|broaden|widen|think (?:bigger|broader|wider|outside)|outside the box|out of the box|off the beaten path
      go wild|get creative|be creative|(?:wild|crazy|weird) ideas?|what if
      (?:tangents?|rabbit holes?|detours?|side quests?) (?:are|is) (?:fine|welcome|ok|okay|good)|(?:explore|show me|list|consider) (?:the |some |other |more |all )?(?:options|alternatives|possibilities|approaches)
      open[- ]ended|adjacent|related (?:ideas|topics|things|tools)|what are my options|(?:what|which) options
    `,
      String.raw`\boptions\?`,
    ),
  ],
  [
    "explore",
    "false",
    cue(String.raw`
      not what i need right now|(?:that )?tangent|rabbit hole|just the thing i asked|(?:stay|keep it) on track|(?:focus|focused) on (?:my|the) (?:question|problem)
      stay (?:focused|on (?:topic|track|point|target|task|the (?:question|topic|point|task)))|(?:stick|keep) to (?:the |my )?(?:question|point|topic|task|what i asked|scope)|stick to
      on[- ]topic|off[- ]topic|(?:no|stop|quit|avoid|fewer|without|enough|skip the) (?:the |any |more |these |those )?(?:tangents?|rabbit holes?|detours?|side ?tracks?|digressions?|side quests?)
      (?:on|a|another|off on|that'?s a) tangent|sidetrack\w*|side-?track\w*|digress\w*|wander\w* off|scope creep|out of scope|beside the point
      not (?:relevant|what i asked|the point|the question)|irrelevant|only (?:answer|what i asked|the question|my question)|just (?:what i asked|the question|my question|answer (?:the|my) question)
      answer (?:the|my) (?:actual |original )?question|back to (?:the|my) (?:question|point|topic|original|main)|focus (?:on|please|pls)|narrow (?:it|this|that|things) down
      (?:don'?t|do not) need (?:alternatives|other options|options|more options|ideas)|(?:no|not interested in|don'?t want) (?:other |more )?(?:alternatives|options|ideas|suggestions)
      (?:just )?(?:one|a single|the best|your best|your top) (?:option|answer|recommendation|pick|suggestion|choice)|pick one|just (?:pick|tell me) (?:one|which)
    `),
  ],
  [
    "tone",
    "precise",
    cue(String.raw`
      (?:so|too) nice about it|no need to be (?:so )?(?:nice|polite|gentle)|skip the (?:niceties|pleasantries|compliments)
      (?:no|less|cut|skip|drop|lose|without|spare me|enough with|stop with|kill|nix|ditch) (?:the |all the |all that |all this |your )?(?:fluff|filler|pleasantries|small talk|chit-?chat|niceties|padding|waffle|waffling|preamble|disclaimers?|caveats|hedging|hedges|flattery|compliments|fanfare|corporate speak|buzzwords|marketing speak|sales pitch|bs|bullshit|cheerleading|enthusiasm|validation|sugar-?coating)
      fluff|fluffy|(?:too|so|overly) (?:chatty|flowery|wishy[- ]washy|polite|apologetic|hedgy|hedged|cheerful|enthusiastic|bubbly|peppy|sycophantic|gushing|salesy|effusive)
      be (?:direct|blunt|straight(?:forward)?|precise|terse|frank|candid|matter[- ]of[- ]fact|crisp)|(?<!\b(?:too|so|very|less|overly|bit|not|kinda|pretty) )blunt(?:ly)?
      straight answer|straight talk|give it to me straight|(?:just|only) (?:the )?facts|facts only|matter[- ]of[- ]fact|no-?nonsense
      (?:stop|quit|don'?t|no need to|enough) (?:apologi[sz]ing|apologi[sz]e|saying sorry|saying (?:great|good) question|flattering|complimenting|praising|hedging|validating|gushing)
      (?:stop|quit) being (?:so )?(?:nice|polite|cheerful|friendly|peppy|chipper)|less (?:enthusiastic|excited|cheerful|chatty|friendly|peppy|apologetic|hedgy|effusive|salesy|flowery|polite)
      (?:sound|sounds|sounding) like (?:a )?(?:salesman|sales pitch|an ad|marketing|a brochure|linkedin)
    `),
  ],
  [
    "tone",
    "neutral",
    cue(String.raw`
      (?:a bit |way )?over the top|not (?:really )?the time for jokes|tone it down|less (?:enthusias\w*|excited|exclamation)
      (?:be|more|stay|keep it) (?:serious|professional|formal|neutral|sober|businesslike)|(?:keep it|more) (?:neutral|objective|impartial|even-?handed)|neutral tone|professional tone
      (?:less|fewer|no|stop with the|without the|drop the|lose the|enough with the) (?:jokes?|joking|jokey|puns?|emojis?|emoticons|banter|sass|snark\w*|silliness|slang|memes?|exclamation marks)
      (?:too|so|overly) (?:casual|jokey|silly|cute|cutesy|informal|flippant|playful|sassy|snarky|cheesy|goofy)
      (?:stop|quit|don'?t) (?:joking|being (?:cute|silly|funny|sassy|snarky|cheesy|so casual))|not (?:the time|the place) for (?:jokes|humou?r)|not funny
      tone (?:it|that|this) down|dial (?:it|that|the \w+) (?:down|back)
    `),
  ],
  [
    "tone",
    "warm",
    cue(String.raw`
      (?:felt|sounded|came across|was) (?:kind of |a bit |kinda |pretty |so )?(?:curt|cold|harsh|blunt|rude|dismissive)|a (?:bit|little) (?:curt|cold|harsh)
      be (?:nice|nicer|kind|kinder|gentle|gentler|patient|supportive|encouraging|friendly|friendlier|warm|warmer|softer|understanding)|go easy
      (?:a bit|a little|more) (?:gentle|gentler|patient|warmth|empathy|human|friendly|friendlier|personal|encouraging|kind|kinder)
      i'?m (?:\w+ ){0,2}(?:nervous|anxious|stressed|overwhelmed|scared|afraid|worried|struggling|discouraged|intimidated|embarrassed|ashamed|insecure|panicking|freaking out|burnt out|burned out|exhausted)
      i (?:feel|'?m feeling) (?:so |really |kinda |a bit )?(?:dumb|stupid|like an idiot|overwhelmed|inadequate|like a fraud|discouraged|hopeless|lost)|imposter syndrome|impostor syndrome
      (?:dumb|stupid|silly|naive) question|sorry (?:for|if) (?:the|this is a|this is|my) (?:dumb|stupid|silly|basic|noob)|encourag\w*|reassur\w*|empath\w*
      (?:too|so|very|a bit|kinda|pretty) (?:harsh|cold|curt|robotic|clinical|stiff|mechanical|impersonal|mean|rude|brusque|abrupt|blunt)
      (?:less|not so|stop being so|stop being) (?:corporate|robotic|stiff|clinical|cold|dry|mechanical|textbook|impersonal|harsh|bureaucratic|sterile|curt)
      (?:sound|sounds|sounding|talk|talks|read|reads|write) like (?:a |an )?(?:manual|robot|textbook|bot|machine|press release|lawyer|legal document|terms of service|user manual|encyclopedia|wikipedia|corporate memo|hr (?:email|memo)|customer service|call center|form letter)
      (?:talk|speak|write) (?:to me )?like (?:a )?(?:human|person|friend|normal person|real person)|like a human|more human|human touch
    `),
  ],
  [
    "tone",
    "playful",
    cue(String.raw`
      lighten up|loosen up|chill out|(?:less|not so) (?:formal|serious|stuffy|uptight|boring)|(?:too|so) (?:serious|formal|stuffy|dry|boring|uptight)
      more (?:fun|playful|casual|humou?r|personality|jokes|relaxed|laid[- ]back)|be (?:funny|playful|silly|witty|casual|chill|fun|cheeky|sassy|snarky|irreverent)|crack a joke
      (?:make|keep) (?:it|this|things) (?:fun|light|lighthearted|light-hearted|casual|entertaining|playful)|have (?:some )?fun with
      (?:some|a bit of|a little|add (?:some|a bit of)) (?:humou?r|fun|personality|sass|snark|wit|jokes)|(?:jokes?|puns?|emojis?|humou?r|banter|memes?) (?:are|is) (?:fine|welcome|ok|okay|encouraged|allowed|good)
      (?:use|with|add|more) (?:some )?emojis?|entertain me|make me laugh|with (?:some )?flair|like a pirate
    `),
  ],
];

/** A directive needs an instruction shape: an imperative, "please", "I want/prefer", or a scope phrase. */
const INSTRUCTION = cue(
  String.raw`
  please|pls|plz|i (?:want|need|prefer|like|'?d like|would like|'?d rather|'?d prefer|would prefer|would rather)|(?:can|could|would|will) (?:you|u)|(?:can|could) we|let'?s
  keep|be|give me|gimme|use|skip|stop|quit|don'?t|do not|no more|no need|just|make (?:it|them|this|that)|always|never|from now on|going forward|moving forward
  enough with|try to|avoid|treat me|talk to me|lose the|cut the|drop the|ditch the
  feel free|free to|happy to|welcome to|go ahead and|you can always|i'?m fine with|i'?m ok with|i don'?t mind
`,
  String.raw`(?:^|[.!?;:\n] *)(?:less|fewer|more|no|only|cut|drop|ditch|lose|go|explain|answer|focus|stay|stick|lead|start|show|tell|write|talk|speak|shorter|simpler|slower|tone|dial|lighten|loosen|chill|slow)\b`,
);

const SELF_NOVICE = cue(String.raw`
  (?:i'?m|i am) (?:(?:pretty|very|totally|completely|super|really|fairly|quite|brand|relatively|kinda|kind of|a bit|still|just) )?(?:new|green|inexperienced|clueless|self[- ]taught|learning)
  (?:i'?m|i am) (?:just |only |still )?(?:a |an )(?:(?:total|complete|absolute|bit of a|real|relative|hobbyist|self-taught) )?(?:beginner|newbie|novice|noob|n00b|newb|amateur|hobbyist|layman|layperson|rookie|learner)
  (?:i'?m|i am) (?:just )?(?:starting out|getting started|just starting|dabbling)
  (?:is|are) (?:(?:completely|totally|entirely|pretty|very|fairly|all|still) )?new to me|new to (?:all )?(?:this|it)|never (?:worked|dealt) with (?:\w+ ){0,2}before
  (?:i'?m|i am) (?:not (?:an? )?(?:expert|specialist|pro)|no expert)
  (?:i'?m|i am) not (?:very |that |super |really |at all |particularly )?(?:familiar|technical|techy|experienced|fluent|comfortable with|good with|great with)
  (?:i'?m|i am|but|,|and) not (?:really |exactly )?(?:a |an )(?:developer|dev|programmer|coder|engineer|software engineer|tech person|techie|technical person|computer person|math person|numbers person|data person|scientist|statistician|tech guy|tech gal|it person)
  (?:total|complete|absolute|utter) (?:beginner|newbie|noob|novice|newb|n00b|amateur|layman|rookie)|(?:beginner|newbie|noob|novice) (?:here|question|alert)
  not (?:very |that |super |a very |a )?(?:technical|techy|tech[- ]savvy)|non[- ]?(?:technical|techie|programmer|developer|engineer|coder)
  (?:i )?(?:don'?t|do not) know (?:much|anything|a thing|the first thing) about|know (?:nothing|next to nothing|very little|little) about|barely know
  (?:have|with|got) (?:no|zero|little|limited|minimal|very little) (?:experience|background|knowledge) (?:in|with|of)|(?:no|zero) (?:experience|background) (?:in|with)
  never (?:used(?! to)|worked with|touched|done|tried|written|coded|programmed|set up|deployed)|(?:haven'?t|have not) (?:ever )?(?:used|worked with|touched|done|tried|written|coded) (?:\w+ )?(?:before|yet)
  first time (?:using|with|trying|doing|writing|setting up|touching|working with|hearing)|my (?:very )?first (?:time|project|app|program|script|week|day)
  just (?:started|starting|began|beginning|getting into) (?:with|to learn|learning|out|coding|programming|using)|still learning|bootcamp
  out of my (?:depth|element|comfort zone)|no idea what i'?m doing|not my (?:area|field|forte|strong suit|wheelhouse|background|domain|specialty)|outside my (?:area|field|expertise|wheelhouse|domain)
  as a (?:beginner|newbie|noob|novice|layman|layperson|non-?(?:technical|techie|programmer|developer|engineer|coder|expert|specialist) ?\w*|complete outsider)
`);
const SELF_EXPERT = cue(String.raw`
  (?:i'?m|i am) (?:an? )?(?:expert|specialist|senior|staff|principal|maintainer|veteran)
  (?:i'?m|i am) (?:an? )?(?:(?:senior|staff|principal|lead|chief|distinguished|experienced|seasoned|professional|working) )?(?:engineer|developer|dev|programmer|sre|dba|architect|sysadmin|devops engineer|data scientist|data engineer|ml engineer|researcher|statistician|mathematician|physicist|quant|pentester|security engineer|backend engineer|frontend engineer|full[- ]?stack \w+|cto|tech lead|professor|phd|postdoc)
  i (?:maintain|teach|lecture on|architected|contribute to|co-?wrote|co-?authored|authored) \w+|i (?:wrote|built|designed|created|invented) (?:the|this|that) \w+|i work on \w+(?: \w+)? (?:for a living|professionally|full[- ]time|every day|daily)|core (?:contributor|maintainer|developer|dev|team member)|(?:a|the) maintainer of|committer (?:on|to)
  i know \w+(?: \w+)? (?:well|inside out|in and out|very well|really well|like the back of my hand)|i know my way around
  i'?m (?:very |pretty |quite |really )?(?:fluent|proficient|well[- ]versed|deeply experienced) (?:in|with)
  (?:deep|extensive|strong|solid|years of|a lot of|lots of) (?:experience|background|expertise) (?:in|with)
  \d+\+? ?(?:years|yrs|yoe) (?:of|in|with|doing|as|experience|professional)|(?:doing|done|using|used|working (?:on|with|in)|worked (?:on|with|in)|managed|managing|running|writing|building|coding|programming|teaching|investing|trading) (?:\w+ ){0,5}for (?:over |more than |almost |nearly )?\d+\+? ?(?:years|yrs)|(?:a|over a|almost a|nearly a) decade (?:of|in|with|doing|as)
  i'?ve been (?:\w+ ){1,4}for (?:over |more than |almost |nearly |about |like |well over )?(?:\d+\+?|ten|five|six|seven|eight|nine|fifteen|twenty|many|several) ?(?:years|yrs)|i'?ve been (?:doing|working on|working with|using) (?:this|it|\w+) for (?:years|ages|decades)
  i'?ve been (?:\w+ ){1,4}for (?:over a |more than a |almost a |nearly a |a )?decades?|since the \d0s|(?:do|doing) (?:this|it) for a living|my day job
  (?:i have|i hold|i'?ve got|with) a (?:phd|doctorate|masters) in|phd in|i'?ve (?:shipped|deployed|run|operated|scaled|built) \w+(?: \w+)? (?:in production|at scale)|i'?m the (?:author|maintainer|creator) of
`);

const INTENT_CUES: [IntentName, RegExp][] = [
  [
    "debug",
    cue(String.raw`
      errors?|bugs?|buggy|stack ?trace|traceback|exception|crash\w*|fails?|failing|failed|failure|broken|breaks|broke|debug\w*|fix(?:ing)?
      not working|doesn'?t work|won'?t (?:work|start|compile|build|run|load|connect|install|deploy)|can'?t (?:connect|compile|build|install|import|deploy)
      throws|throwing|segfault|regression|why is (?:it|this|my) \w+ing|returns? (?:null|undefined|none|nan|an empty|the wrong|wrong|0)
      null pointer|undefined is not|hangs|hanging|freez(?:es|ing)|keeps (?:crashing|failing|restarting)|infinite loop|memory leak|race condition|flaky|deadlock|panic\w*
      went wrong|goes wrong|wrong (?:output|result|value)|unexpected(?:ly)?|weird behaviou?r|acting (?:up|weird)|exit code|timed out|times out
      any idea why|no idea why|where would you look|can'?t (?:reproduce|repro)|something'?s (?:off|wrong|broken)|stop(?:s|ped)? (?:responding|working)|ran into (?:a|an) (?:problem|issue|error)
      (?:is|got|getting|gets) (?:really )?(?:slow|sluggish|laggy)|grows forever|(?:falls?|falling) behind|only works|works for me but|off by (?:a|one)|keeps (?:happening|growing|timing out)
      this is the error|here'?s (?:the|what i'?m seeing)|the error (?:is|says)|error message|logs? (?:say|show)|why (?:does|is) (?:it|this|my|our|the) \w+ (?:keep|fail|crash|break)
    `),
  ],
  [
    "learn",
    cue(String.raw`
      explain|understand|learn\w*|teach|how does|why does|what is|what are|how do \w+ work|curious|tutorial|intro to|basics of|how come
      what'?s the difference|difference between|what does \w+ mean|wrap my head around|get my head around|help me understand|eli5|walk me through
      concept of|what happens when|the idea behind|studying|wondering (?:how|why)|want to know|how (?:exactly )?does
      dig into|what'?s that|what does (?:that|it|this) (?:even )?mean|doesn'?t click|make sense of|in plain (?:words|english)|translate (?:that|this|it)
      question about|mind explaining|never (?:really )?understood|what (?:does|do) \w+ (?:actually|really) (?:do|mean)|is \w+ a thing|curious about|what happens (?:between|after|before|if)
    `),
  ],
  [
    "decide",
    cue(String.raw`
      should (?:i|we)|which (?:one|is better|should|would you|to use|to pick|to choose|option)|vs\.?|versus|choose|choosing|pick|trade-?offs?|worth it|pros and cons
      compare|comparison|better option|go with|decid(?:e|ing)|torn between|on the fence|can'?t decide|or should|better (?:choice|fit|for)|recommend\w*
      what would you (?:do|use|pick|choose)|if you were me|in my shoes|best (?:option|choice|approach|tool|library|framework)|make (?:a|the) (?:call|decision|choice)
      weigh(?:ing)? (?:up )?(?:the )?(?:options|pros)|leaning (?:towards?|to)|evaluat(?:e|ing)|shortlist|worth (?:switching|migrating|learning|the)|is it better
      debating|makes more sense|worth moving|best way to|(?:\w+ )?(?:or|vs) (?:\w+ )?(?:for us|for our)|(?:against|over) (?:\w+ ){0,3}thoughts\?
    `),
  ],
  [
    "create",
    cue(String.raw`
      write|build|draft|generate|create|design|implement|make me|compose|set up|scaffold|code up|whip up|put together|spin up|mock up|prototype
      i'?d like (?:a|an) \w+|i need (?:a|an) (?:\w+ )?(?:plot|chart|graph|script|pipeline|function|hook|report|dashboard|query|regex|test|config|page|component|endpoint)|help me (?:with|write|make|build) (?:the|a|my|our) \w+
      refactor|rewrite|boilerplate|template|come up with an?|name for|tagline|slogan|cover letter|an email to|(?:a|an) (?:poem|story|song|essay|blog post|limerick|haiku|speech|toast|bio)
    `),
  ],
  [
    "explore",
    cue(String.raw`
      ideas|an idea for|brainstorm\w*|spitball\w*|what if|possibilities|alternatives|explor\w*|wondering|could we|thoughts on|open question|bounce (?:some )?ideas
      what are (?:some|my) (?:ways|options)|how might|imagine|hypothetical\w*|thought experiment|speculat(?:e|ing|ion)|think(?:ing)? (?:through|out loud)|mull\w* over
      play(?:ing)? around with|kick(?:ing)? (?:around|the tires)|curious (?:about|what|whether|if)|any (?:thoughts|suggestions)
    `),
  ],
  [
    "persuade",
    cue(String.raw`
      win (?:an|the|this) argument|need to win|convinc\w*|persuad\w*|pitch\w*|argu(?:e|ing) (?:for|that|against|my case)|argument for|make (?:the|a|my) case|talking points|win (?:them|him|her|over|the argument)
      buy-?in|sell (?:it|this|the idea|my \w+) to|sign[- ]off|justify (?:it|this|the|my|why|our)|justification|business case|counter (?:their|his|her|the) (?:argument|objection)|objections?|rebut\w*
      push for|advocate for|lobby|push ?back (?:on|against) (?:my|the|our|a) (?:manager|boss|lead|team|client|cto|ceo|pm|product|stakeholders?|director|vp)|how (?:do|can|should) i push ?back|change (?:his|her|their) mind|get (?:them|him|her|my \w+|the team|everyone) on board|on board with|compelling|elevator pitch|sales pitch
      get (?:my|the|our) (?:boss|manager|team|cto|ceo|client|partner|parents|stakeholders) to (?:agree|approve|sign off|buy|accept|switch|adopt|see|let)
    `),
  ],
  [
    "unstuck",
    cue(
      String.raw`
      stuck|blocked|no idea (?:how|where)|can'?t figure|going in circles|hit a wall|where do i (?:even )?start|spinning my wheels
      (?:don'?t|dont|do not) know (?:how to|where to|what to do|what to try|how to proceed|where to go)|not sure (?:how to|where to|what to do|what to try|how to proceed|what next)
      what do i do (?:now|next)|at a loss|dead end|(?:out of|ran out of) ideas|tried everything|stumped|can'?t (?:get past|seem to|work out)|how do i even
      how to (?:even )?(?:start|begin|approach)|where to begin|writer'?s block|brick wall|hit a (?:snag|roadblock)|roadblock|hitting a wall|getting nowhere
      can'?t make progress|no progress|unblock|a nudge|a hint|point me in the right direction|get unstuck
    `,
      String.raw`\bwhat (?:now|next)\?`,
    ),
  ],
  [
    "chat",
    cue(
      String.raw`
      how are you(?: doing)?|how'?s (?:it going|your day)|just (?:chatting|wanted to chat|saying hi|checking in)|random question
      tell me (?:a joke|about yourself|something (?:fun|interesting))|do you (?:like|enjoy|have (?:feelings|a favou?rite))|your favou?rite|i'?m bored|chit[- ]?chat|small talk
    `,
      String.raw`^\s*(?:hi+|hello+|hey+|heya|hiya|howdy|yo|greetings|gm|sup|wassup|what'?s up|whats up|good (?:morning|evening|afternoon|day|night))\b`,
    ),
  ],
];

/** Index just past the character class that opens at `open` (a `[`). */
function classEnd(src: string, open: number): number {
  for (let i = open + 2; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "]") return i + 1;
  }
  return src.length;
}

const HEAD = 6;
/**
 * The first `n` characters a match of regex source `src` can start with, as strings (a shorter one:
 * any character from there on), or `undefined` when it can start with anything. Zero-width
 * assertions are skipped, which only widens the set.
 */
function heads(src: string, n: number): Set<string> | undefined {
  if (n === 0 || src === "") return new Set([""]);
  if (src.startsWith("\\b")) return heads(src.slice(2), n);
  if (/^\(\?<?[!=]/.test(src)) return heads(src.slice(closeOf(src, 0)), n);
  let end: number;
  let chars: string[] | undefined;
  let group: string[] | undefined;
  const c = src[0] as string;
  if (c === "(") {
    end = closeOf(src, 0);
    group = splitTop(src.slice(src.startsWith("(?:") ? 3 : 1, end - 1));
  } else if (c === "[") {
    end = classEnd(src, 0);
    const body = src.slice(1, end - 1);
    if (!/[\\^]|.-./.test(body)) chars = [...body];
  } else if (c === "\\") {
    const e = src[1] as string;
    end = e === "u" ? 6 : 2;
    if (e === "u") chars = [String.fromCharCode(Number.parseInt(src.slice(2, 6), 16))];
    else if (e === "d") chars = [..."0123456789"];
    else if (/[?.^$/()[\]{}|*+\\!,:;'"-]/.test(e)) chars = [e];
  } else {
    end = 1;
    if (c !== "." && c !== "^" && c !== "$") chars = [c];
  }
  let rest = src.slice(end);
  const q = rest[0];
  let optional = false;
  let repeated = false;
  if (q === "?" || q === "*" || q === "+") {
    optional = q !== "+";
    repeated = q !== "?";
    rest = rest.slice(1);
  } else if (q === "{") {
    optional = rest[1] === "0";
    repeated = true;
    rest = rest.slice(rest.indexOf("}") + 1);
  }
  const out = new Set<string>();
  const add = (more: Set<string> | undefined) => {
    if (!more) return false;
    for (const h of more) out.add(h);
    return true;
  };
  if (optional && !add(heads(rest, n))) return undefined;
  if (group) {
    for (const branch of group) if (!add(heads(repeated ? branch : branch + rest, n))) return undefined;
    return out;
  }
  if (!chars) return undefined;
  // `c+` is `c` then `c*`; other repeats end what is known.
  const after =
    q === "+" && chars.length === 1
      ? heads(`${src.slice(0, end)}*${rest}`, n - 1)
      : repeated
        ? new Set([""])
        : heads(rest, n - 1);
  for (const ch of chars) for (const h of after ?? [""]) out.add(ch + h);
  return out;
}

/** A hash of `length` characters of `text` from `at`; collisions only merge candidate lists. */
const keyOf = (text: string, at: number, length: number) => {
  let key = 0;
  for (let i = 0; i < length; i++) key = (Math.imul(key, 31) + text.charCodeAt(at + i)) | 0;
  return key;
};
const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/**
 * Fifty cue regexes each scanning a 1 KB message cost ~100 µs. Instead one small regex of every
 * cue's first three characters (`HEAD`) finds the few places where any cue can start; there, the
 * cues that can start with those characters are tried (sticky). Same matches as `cue.exec(text)`, at
 * about the cost of one scan. Cues read only when a message carries feedback (directive shape and
 * scope) are not scanned: most messages never need them.
 */
interface Scanner {
  find: RegExp;
  cues: RegExp[];
  sticky: RegExp[];
  index: Map<RegExp, number>;
  /** Cue indices by the key of their first 1, 2 or 3 characters. */
  byHead: Map<number, number[]>[];
  /** Cues that can match at the very start of a message (`^`…). */
  atStart: number[];
}
let SCANNER: Scanner | undefined;
function scanner(): Scanner {
  if (SCANNER) return SCANNER;
  const late = new Set<RegExp>([INSTRUCTION, CUES.persistent, CUES.turnScope, CUES.sessionScope]);
  const cues: RegExp[] = [];
  const byHead: Map<number, number[]>[] = Array.from({ length: HEAD + 1 }, () => new Map());
  const atStart: number[] = [];
  const bodyHeads = new Set<string>();
  const tailHeads = new Set<string>();
  for (const [regex, parts] of CUE_PARTS) {
    if (late.has(regex)) continue;
    const own = new Set<string>();
    let starts = false;
    const collect = (alternatives: string[], into: Set<string>) => {
      for (const alt of alternatives) {
        if (alt.startsWith("^")) {
          starts = true;
          continue;
        }
        const found = heads(alt, HEAD);
        if (!found || found.has("")) return false;
        for (const h of found) {
          own.add(h);
          into.add(h);
        }
      }
      return true;
    };
    if (!collect(parts.alternatives, bodyHeads) || !collect(parts.tail ? splitTop(parts.tail) : [], tailHeads)) {
      continue; // starts with anything: left to a plain scan
    }
    const i = cues.push(regex) - 1;
    if (starts) atStart.push(i);
    for (const h of own) {
      const map = byHead[h.length] as Map<number, number[]>;
      const key = keyOf(h, 0, h.length);
      const list = map.get(key);
      if (list) list.push(i);
      else map.set(key, [i]);
    }
  }
  const tail = [...tailHeads].map(escapeRegExp).join("|");
  SCANNER = {
    find: re(String.raw`\b(?:${factor([...bodyHeads].map(escapeRegExp))})${tail ? `|${tail}` : ""}`, "g"),
    cues,
    sticky: cues.map((regex) => new RegExp(regex.source, "y")),
    index: new Map(cues.map((regex, i) => [regex, i])),
    byHead,
    atStart,
  };
  return SCANNER;
}

/** Cue matching for one message: `exec(cue)` is `cue.exec(text)`; `count(cue, max)` its non-overlapping matches. */
function scan(text: string) {
  const { find, cues, sticky, index, byHead, atStart } = scanner();
  const first: (RegExpExecArray | null)[] = new Array(cues.length).fill(null);
  const counts = new Uint8Array(cues.length);
  const ends = new Int32Array(cues.length);
  const tried = new Int32Array(cues.length).fill(-1);
  const COUNT_MAX = 3;
  const test = (i: number, at: number) => {
    // A cue is tried once per place, and no more once it has matched `COUNT_MAX` times.
    if (tried[i] === at || (counts[i] as number) >= COUNT_MAX || at < (ends[i] as number)) return;
    tried[i] = at;
    const regex = sticky[i] as RegExp;
    regex.lastIndex = at;
    const m = regex.exec(text);
    if (!m) return;
    if (!first[i]) first[i] = m;
    counts[i] = (counts[i] as number) + 1;
    ends[i] = at + Math.max(1, m[0].length);
  };
  for (const i of atStart) test(i, 0);
  find.lastIndex = 0;
  for (let m = find.exec(text); m; m = find.exec(text)) {
    const at = m.index;
    let key = 0;
    for (let length = 1; length <= HEAD && at + length <= text.length; length++) {
      key = (Math.imul(key, 31) + text.charCodeAt(at + length - 1)) | 0;
      const map = byHead[length] as Map<number, number[]>;
      if (map.size === 0) continue;
      const list = map.get(key);
      if (list) for (const i of list) test(i, at);
    }
    find.lastIndex = at + 1;
  }
  const plain = new Map<RegExp, RegExpExecArray | null>();
  const exec = (regex: RegExp): RegExpExecArray | null => {
    const i = index.get(regex);
    if (i !== undefined) return first[i] ?? null;
    if (!plain.has(regex)) plain.set(regex, regex.exec(text));
    return plain.get(regex) ?? null;
  };
  const count = (regex: RegExp) => {
    const i = index.get(regex);
    return i === undefined ? 1 : Math.max(1, counts[i] as number);
  };
  return { exec, count };
}

function excerptOf(text: string, match: RegExpExecArray | null): string {
  if (!match) return text.slice(0, 80).trim();
  const start = Math.max(0, match.index - 30);
  return text.slice(start, match.index + match[0].length + 30).trim();
}

/**
 * The fast path's perception: deterministic cues from the person's own words. Pasted, quoted and
 * relayed text never counts as the person's mastery, and a single mood is only a state.
 */
export function perceive(text: string, options: { vocabulary?: Vocabulary } = {}): Perception {
  const vocabulary = options.vocabulary ?? sharedVocabulary;
  const { own, pasted } = ownWords(text);
  const ownTokens = tokenize(own);
  const topics = vocabulary.match(ownTokens);
  const pastedTopics = pasted ? [...vocabulary.match(tokenize(pasted)).keys()].filter((t) => !topics.has(t)) : [];
  const signals: Signal[] = [];
  const add = (
    signal: string,
    dimension: Dimension,
    key: string,
    weight: number,
    m: RegExpExecArray | null,
    value?: number,
  ) =>
    signals.push({
      signal,
      dimension,
      key,
      weight,
      excerpt: excerptOf(own, m),
      ...(value === undefined ? {} : { value }),
    });
  // Phones type curly apostrophes ("don’t"); the cues are written with straight ones. Same length, so
  // excerpt offsets still line up with `own`.
  const lower = own.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const { exec, count: countOf } = scan(lower);

  const definitional = exec(CUES.definitional);
  const hedged = exec(CUES.hedge);
  const novice = exec(SELF_NOVICE);
  const expert = exec(SELF_EXPERT);
  for (const [topic, terms] of topics) {
    const at = lower.indexOf(terms[0] ?? "");
    const m =
      at >= 0
        ? (Object.assign([own.slice(at, at + (terms[0]?.length ?? 0))], {
            index: at,
            input: own,
          }) as unknown as RegExpExecArray)
        : null;
    // A person's statement about themselves is directive-strength; asking what a term means shows the
    // opposite of mastery; using several terms fluently is stronger than one; hedges halve it.
    // Knowledge evidence is a soft observation of the person's tier: basic terms used correctly say
    // "working" (≈0.65), advanced ones "expert" (≈0.9), a definitional question "new" (≈0.1).
    const advanced = terms.some((term) => vocabulary.isAdvanced(term));
    if (novice) add("self-report-novice", "knowledge", topic, -4, novice, 0.1);
    else if (expert) add("self-report-expert", "knowledge", topic, 4, expert, 0.9);
    else if (definitional && advanced && terms.length > 1 && terms.some((term) => !vocabulary.isAdvanced(term)))
      // "I use X all the time, but what's <advanced term>?": fluent in the basics, new to the depths.
      add("definitional-question", "knowledge", topic, 1, definitional, 0.5);
    else if (definitional) add("definitional-question", "knowledge", topic, -1.5, definitional, 0.12);
    else {
      const weight = (terms.length > 1 ? 1.5 : 1) * (hedged ? 0.5 : 1);
      add(
        advanced ? "advanced-vocabulary" : "technical-vocabulary",
        "knowledge",
        topic,
        weight,
        m,
        advanced ? 0.92 : 0.66,
      );
    }
  }

  // A self-description also says something about the person overall ("I'm not technical at all").
  if (novice) add("self-report-novice", "knowledge", GENERAL_TOPIC, topics.size === 0 ? -3 : -1.5, novice, 0.12);
  else if (expert) add("self-report-expert", "knowledge", GENERAL_TOPIC, topics.size === 0 ? 3 : 1.5, expert, 0.88);

  const states: [StateName, RegExp, number][] = [
    ["confused", CUES.confused, 3],
    ["rushed", CUES.rushed, 3],
    ["frustrated", CUES.frustrated, 2],
    ["playful", CUES.playful, 2],
    ["skeptical", CUES.skeptical, 2],
  ];
  for (const [state, r, weight] of states) {
    const m = exec(r);
    if (!m) continue;
    // Several distinct markers ("urgent!! asap") say more than one, with diminishing returns.
    const count = countOf(r);
    add(`${state}-marker`, "state", state, weight * (1 + 0.5 * (count - 1)), m);
  }
  const thanks = exec(CUES.thanks);
  const negative = exec(CUES.negative);
  const correction = exec(CUES.correction);
  const words = ownTokens.length;
  const questions = (own.match(/\?/g) ?? []).length;
  if (thanks) add("acknowledgement", "state", "engaged", 1, thanks);
  const engaged = exec(CUES.engaged);
  if (engaged) add("engaged-marker", "state", "engaged", 2 * (1 + 0.5 * (countOf(CUES.engaged) - 1)), engaged);
  // People who greet, thank and sign off tend to like a warmer register back (a weak, slow trait cue).
  const pleasantry = GREETING.exec(lower);
  if (pleasantry || thanks) add("pleasantries", "preference", "warmth", 0.6, pleasantry ?? thanks);
  if (correction) add("corrects-assistant", "state", "skeptical", 1.5, correction);
  if (words > 0 && words <= 3 && !thanks && questions === 0) add("terse-reply", "state", "engaged", -1, null);
  else if (words >= 25 || questions >= 2) add("elaborate-reply", "state", "engaged", 1, null);

  let chatCue: RegExpExecArray | null = null;
  let purposeful = false;
  for (const [intent, r] of INTENT_CUES) {
    const m = exec(r);
    if (!m) continue;
    // A greeting opens most messages; it is small talk only when nothing else is asked for.
    if (intent === "chat") chatCue = m;
    else {
      purposeful = true;
      add("intent-cue", "intent", intent, 1.5, m);
    }
  }
  if (chatCue && !purposeful && words <= 8) add("intent-cue", "intent", "chat", 1.5, chatCue);
  if (pasted && /error|exception|traceback|failed|panic/i.test(pasted)) add("pasted-error", "intent", "debug", 2, null);

  const feedback: Feedback[] = [];
  for (const [target, wants, r] of FEEDBACK) {
    const m = exec(r);
    if (m && !feedback.some((f) => f.target === target)) feedback.push({ target, wants, excerpt: excerptOf(own, m) });
  }
  // Confusion says the last reply was over their head; it is a reaction, never an instruction.
  const stated = feedback.length;
  if (exec(CUES.confused) && !feedback.some((f) => f.target === "depth")) {
    feedback.push({ target: "depth", wants: "overview", excerpt: excerptOf(own, exec(CUES.confused)) });
  }

  const directives: Directive[] = [];
  if (stated > 0 && INSTRUCTION.test(lower)) {
    const scope: DirectiveScope = CUES.persistent.test(lower)
      ? "persistent"
      : CUES.turnScope.test(lower) || !CUES.sessionScope.test(lower)
        ? "turn"
        : "session";
    for (const f of feedback.slice(0, stated)) {
      // "example" inside a question ("an example of X?") is a request, not a standing instruction.
      if (f.target === "examples" && f.wants === "concrete-first" && scope !== "persistent") continue;
      directives.push({ key: `${f.target}=${f.wants}`, target: f.target, value: f.wants, scope, text: f.excerpt });
      add(`directive-${scope}`, "directive", `${f.target}=${f.wants}`, 4, null);
    }
  }

  let satisfaction: number | undefined;
  const positive = thanks ? 1 : 0;
  const negativeCues = (negative ? 1 : 0) + (correction ? 1 : 0) + (exec(CUES.frustrated) ? 0.5 : 0);
  const complaints = feedback.filter((f) => f.target === "length" || f.target === "depth").length;
  if (positive || negativeCues || complaints) {
    satisfaction = Math.max(-1, Math.min(1, 0.7 * positive - 0.6 * negativeCues - 0.35 * complaints));
  }

  return {
    signals,
    feedback,
    directives,
    topics,
    pastedTopics,
    pasted: pasted.length > 0,
    satisfaction,
    wordCount: words,
    questions,
    own,
    tokens: ownTokens,
    claim: CLAIM.test(lower),
  };
}

/**
 * Claims stated as settled truth or fished for agreement: the moments a good colleague pushes back.
 * Kept to assertive framings so ordinary questions do not read as claims.
 */
const CLAIM = new RegExp(
  [
    String.raw`(?:(?:,|\.\.\.) ?(?:right|correct|true)|\w right)\?(?<!(?:is|was) (?:that|this|it) (?:actually |really |even |still )?\w+\?)`,
    String.raw`, (?:no|isn'?t it|don'?t you think|yes)\?`,
    String.raw`\b(?:i'?d (?:argue|say|bet)|my (?:take|theory|hunch|view)|i'?m (?:pretty |fairly |quite |100% )?(?:sure|convinced|certain))\b`,
    String.raw`\b(?:(?:is|are|means|makes) always(?! \w+ing\b)|always (?:means|better|faster|more|worse|safer|wins|works|fixes|beats|helps|makes)|i read (?:somewhere )?that (?!(?:\w+ )?(?:times|twice|again)\b)|should (?:always|never) be|(?:is|are) never|never works)\b`,
    String.raw`\b(?:is|are) (?:basically )?(?:useless|pointless|dead|obsolete)\b|\bcan'?t (?:ever )?have\b`,
    String.raw`\b(?:everyone|everybody) knows\b|\bit'?s (?:common knowledge|obvious|well known) that\b|\bobviously,? \w+|\bclearly,? \w+ (?:is|are|always|never)\b`,
    String.raw`\bisn'?t it true that\b|\bit'?s (?:always|never) (?:better|faster|worse|slower)\b|\bthere'?s no way\b|\bam i right\b|\byou'?d agree\b`,
  ].join("|"),
);

const GREETING =
  /^\s*(?:hi|hiya|hello|hey(?: there)?|heya|howdy|good (?:morning|afternoon|evening)|morning|evening|greetings|yo)\b|\b(?:cheers|thanks in advance|appreciate it|many thanks|have a (?:good|nice|great) (?:one|day))\b/;

/** Signals only (the evidence part of `perceive`), for callers that need nothing else. */
export function extractSignals(text: string): Signal[] {
  return perceive(text).signals;
}
