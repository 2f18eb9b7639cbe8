/**
 * How underspecified a conversational request is: "can you look at this", "it's broken again", "any
 * ideas?" leave the assistant guessing what "this" is, while "why does my useEffect run twice" does not.
 * Learned clarification readers are trained on search-style queries; in a conversation the telling
 * sign is a request whose every word is generic (deictics, help verbs, placeholder nouns).
 */

/** Words that carry no specifics of their own: function words, deictics, help verbs, placeholder nouns. */
const GENERIC = new Set(
  `a an the and or but so if then than to of in on at by for with about from into over up out off as is are was
were be been being am do does did doing done have has had having i me my mine we us our you your it its it's
this that these those there here what which who whom whose how why when where whats hows can could would should
will shall may might must let lets let's i'm im i've ive i'd id i'll ill you're youre it's its that's thats
what's there's here's don't dont doesn't didn't isn't aren't wasn't won't can't cant couldn't shouldn't
wouldn't not no yes yeah yep ok okay just really actually even also too very some any all more most much many
again still now today tonight tomorrow later before earlier soon quick quickly please pls plz thanks thank
ty help helps helping helped need needs needed want wants wanted look looking see check fix fixing fixed make
making made get getting got do sort sorted handle handling approach deal figure work working works worked
broken break breaks off wrong weird issue issues problem problems thing things stuff something anything
everything one ones bit part way ways idea ideas thought thoughts think opinion take advice suggestions
suggestion best good better great fine right start started starting begin go going happen happening happened
question questions q setup set project projects report reports code app system task tasks work job same
other another else new old kind sort type like well hmm um uh hey hi hello yo guys mate man now next
faster slower bigger smaller easier harder improve improved improving
long longer short shorter brief version whole full detail details detailed simpler simple simply plain jargon
example examples analogy steps step list bullets bullet points skim essay manual fluff friendlier gentle gently
slow slower level basics basic deeper deep dumb down explain elaborate keep going stop asking answer answers
lost thread follow following confusing confused sense mean means meant sure clue idea honestly basically
literally seriously totally tbh lol haha ugh argh sigh hours ages day days minutes min time deadline urgent
asap hurry rush rushed sorry cheers appreciate perfect exactly nice cool love great awesome wow oh ah
morning evening afternoon hiya there alright right picture point misses missed technical learning learn
understand standup meeting call demo soon classic interesting curious wondering`.split(/\s+/),
);

/** Pointing at something the message never names. */
const DEICTIC = /\b(?:it|this|that|these|those|the thing|something|the above|from before|here)\b/;

/**
 * Vagueness of the request in `own` (the person's own words, lowercased), 0..1: 0.9 when every
 * request clause is generic, 0.1 when a clause carries several specific words, else in between.
 * A paste pins the request down whatever the words say.
 */
export function requestVagueness(own: string, pasted: boolean): number {
  if (pasted) return 0.1;
  const words = own.match(/[a-z0-9']+/g);
  if (!words || words.length === 0) return 0.5;
  let bestSpecific = 0;
  for (const w of words) if (w.length > 2 && !GENERIC.has(w)) bestSpecific += 1;
  const pointing = DEICTIC.test(own);
  if (bestSpecific === 0) return 0.9;
  if (bestSpecific === 1) return pointing ? 0.75 : 0.35;
  if (bestSpecific <= 5) return 0.3;
  return 0.1;
}
