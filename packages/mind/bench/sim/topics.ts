import type { TopicId } from "./model.js";

/**
 * What people say about each topic, by how much they know: novices describe things in lay words, ask what
 * terms mean or misuse them; people with working knowledge use the basic terms; experts use the advanced
 * ones. Pastes and quotes are full of jargon that is not the person's own.
 */
export interface Topic {
  id: TopicId;
  /** How people casually name the area. */
  nick: string[];
  /** Whether answers in this area are naturally code. */
  code: boolean;
  /** Working vocabulary. */
  basic: string[];
  /** Expert vocabulary. */
  advanced: string[];
  /** "how/why/what..." clauses to learn about, by tier. */
  learn: Tiers;
  /** What is going wrong, as a clause, by tier. */
  problem: Tiers;
  options: [string, string][];
  artifacts: string[];
  /** Open-ended directions ("ways to ..."). */
  explore: string[];
  /** Dubious claims people assert. */
  claims: string[];
  /** Novice sentences that misuse a basic term. */
  misuse: string[];
  /** Code, logs or docs people paste (not their own words). */
  pastes: string[];
  /** Sentences people relay from docs or colleagues (not their own words). */
  quotes: string[];
  /** How an expert describes their job. */
  roles: string[];
}

interface Tiers {
  lay: string[];
  basic: string[];
  advanced: string[];
}

export const TOPICS: Record<TopicId, Topic> = {
  databases: {
    id: "databases",
    nick: ["postgres", "our database", "the db", "SQL stuff"],
    code: true,
    basic: ["index", "query", "join", "primary key", "transaction", "schema", "foreign key"],
    advanced: [
      "query planner",
      "MVCC",
      "partial index",
      "autovacuum",
      "isolation level",
      "covering index",
      "EXPLAIN ANALYZE",
      "write amplification",
      "bitmap heap scan",
    ],
    learn: {
      lay: [
        "how a database finds things so fast",
        "why people say not to keep everything in one giant table",
        "what actually happens when I save something in the app's database",
      ],
      basic: [
        "how an index actually speeds up a query",
        "when to use a join versus two separate queries",
        "what a transaction guarantees if the server dies halfway",
      ],
      advanced: [
        "how MVCC and autovacuum interact under a heavy update load",
        "when the query planner picks a bitmap heap scan over a plain index scan",
        "what serializable isolation level really costs compared to repeatable read",
      ],
    },
    problem: {
      lay: [
        "the page that lists our customers takes forever to load",
        "some numbers on our dashboard vanished after I cleaned up old data",
        "saving a form sometimes just spins forever",
      ],
      basic: [
        "a query with two joins got really slow once the table grew",
        "I get a duplicate primary key error when inserting new users",
        "one transaction seems to block every other write on the table",
      ],
      advanced: [
        "the query planner ignores our partial index and falls back to a seq scan past ~10M rows",
        "autovacuum can't keep up and the events table is bloating badly",
        "we hit serialization failures under serializable isolation level during the nightly batch",
      ],
    },
    options: [
      ["postgres", "mongodb"],
      ["an ORM", "raw SQL"],
      ["one wide table", "a few normalized tables"],
    ],
    artifacts: [
      "a migration that adds a created_at column",
      "a SQL query for the top 10 customers by revenue",
      "a schema for a small blog with posts and comments",
    ],
    explore: [
      "ways to make our reporting faster without buying bigger servers",
      "things we could do with the data we already collect",
    ],
    claims: ["adding more indexes always makes a database faster", "NoSQL is basically always faster than SQL"],
    misuse: [
      "I think we should add an index to the database so it has more room for data",
      "is a foreign key kind of like a password for a table?",
    ],
    pastes: [
      "ERROR:  deadlock detected\nDETAIL:  Process 4242 waits for ShareLock on transaction 90210; blocked by process 4243.\nHINT:  See server log for query details.",
      "```\nEXPLAIN ANALYZE SELECT * FROM orders WHERE customer_id = 42;\n Seq Scan on orders  (cost=0.00..18334.00 rows=1 width=97)\n   Filter: (customer_id = 42)\n```",
    ],
    quotes: [
      "the query planner uses MVCC snapshots and table statistics to estimate selectivity",
      "you probably need a covering index and a stricter isolation level",
    ],
    roles: ["DBA", "backend engineer who lives in postgres"],
  },

  kubernetes: {
    id: "kubernetes",
    nick: ["kubernetes", "k8s", "our cluster", "the kube setup"],
    code: true,
    basic: ["pod", "deployment", "container", "namespace", "service", "kubectl", "node"],
    advanced: [
      "CrashLoopBackOff",
      "liveness probe",
      "HPA",
      "node affinity",
      "PodDisruptionBudget",
      "ingress controller",
      "resource limits",
      "taints and tolerations",
      "helm chart",
    ],
    learn: {
      lay: [
        "what this kubernetes thing everyone at work talks about actually does",
        "why our app needs to live in 'containers' now",
        "how the app keeps running when one of the servers goes away",
      ],
      basic: [
        "how a deployment decides when to replace a pod",
        "what a service does for the pods behind it",
        "how namespaces keep teams from stepping on each other",
      ],
      advanced: [
        "how the HPA interacts with resource limits and the cluster autoscaler",
        "what a PodDisruptionBudget actually guarantees during node drains",
        "how taints and tolerations compare to node affinity for isolating workloads",
      ],
    },
    problem: {
      lay: [
        "the app keeps restarting on its own and nobody knows why",
        "after the update the website just shows an error page",
        "our cloud bill doubled after we moved to the new setup",
      ],
      basic: [
        "my pod keeps restarting right after the deployment rolls out",
        "kubectl says the service exists but nothing answers on the port",
        "a new node joined but no pods get scheduled on it",
      ],
      advanced: [
        "pods sit in CrashLoopBackOff because the liveness probe fires before the JVM warms up",
        "the HPA flaps between 3 and 12 replicas every few minutes",
        "node drains hang forever because of a PodDisruptionBudget with minAvailable equal to replicas",
      ],
    },
    options: [
      ["helm", "kustomize"],
      ["managed kubernetes", "running our own cluster"],
      ["kubernetes", "a couple of plain VMs"],
    ],
    artifacts: [
      "a deployment manifest for a small web app",
      "a readiness probe config for our API",
      "a helm values file for staging",
    ],
    explore: ["ways to cut our cluster costs", "what else we could automate in our deploys"],
    claims: ["kubernetes makes any app scale automatically", "you should always set CPU limits on every container"],
    misuse: [
      "should I make the pods bigger so the website has more pages?",
      "is a namespace like a password for the cluster?",
    ],
    pastes: [
      "NAME                      READY   STATUS             RESTARTS   AGE\napi-7d9f8b6c5-x2k4p       0/1     CrashLoopBackOff   14         32m",
      "```yaml\nlivenessProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  initialDelaySeconds: 5\nresources:\n  limits: { cpu: 500m, memory: 256Mi }\n```",
    ],
    quotes: [
      "the liveness probe is killing the pod before the readiness probe ever passes",
      "set a PodDisruptionBudget and tune the HPA stabilization window",
    ],
    roles: ["SRE", "platform engineer"],
  },

  react: {
    id: "react",
    nick: ["react", "the frontend", "our web app's UI", "my react app"],
    code: true,
    basic: ["component", "props", "state", "hook", "useEffect", "JSX", "render"],
    advanced: [
      "reconciliation",
      "hydration mismatch",
      "useMemo",
      "stale closure",
      "Suspense boundary",
      "concurrent rendering",
      "referential equality",
      "server components",
    ],
    learn: {
      lay: [
        "how a website updates without reloading the whole page",
        "why our developers keep talking about 'components'",
        "what makes one web app feel snappier than another",
      ],
      basic: [
        "when useEffect actually runs",
        "how state and props differ in a component",
        "why a component re-renders when its parent does",
      ],
      advanced: [
        "how reconciliation decides which subtrees to keep",
        "when useMemo is worth it given referential equality checks",
        "how Suspense boundaries interact with concurrent rendering",
      ],
    },
    problem: {
      lay: [
        "the button on our page only works the second time you click it",
        "the website flickers when it loads",
        "the page gets really sluggish after you use it for a while",
      ],
      basic: [
        "my useEffect runs in an infinite loop",
        "the component doesn't re-render when I change the state",
        "props arrive undefined in the child component on first render",
      ],
      advanced: [
        "we get a hydration mismatch only in production builds",
        "a stale closure in an event handler keeps reading the old state",
        "a Suspense boundary shows the fallback on every keystroke",
      ],
    },
    options: [
      ["redux", "plain context"],
      ["next.js", "a plain vite SPA"],
      ["CSS modules", "tailwind"],
    ],
    artifacts: [
      "a search box component with debouncing",
      "a custom hook that fetches data",
      "a modal dialog component",
    ],
    explore: ["ways to make our UI feel faster", "fun things I could build to get better at frontend"],
    claims: ["useMemo everywhere always makes react faster", "class components are faster than hooks"],
    misuse: ["do I need a useEffect to make the text bold?", "is JSX a kind of database for the page?"],
    pastes: [
      "Warning: Maximum update depth exceeded. This can happen when a component calls setState inside useEffect, but useEffect either doesn't have a dependency array, or one of the dependencies changes on every render.",
      "```jsx\nuseEffect(() => {\n  setItems(items.filter(Boolean));\n}, [items]);\n```",
    ],
    quotes: [
      "it's a stale closure, wrap the handler in useCallback and check referential equality",
      "the hydration mismatch comes from rendering Date.now() on the server",
    ],
    roles: ["frontend engineer", "react developer"],
  },

  "machine-learning": {
    id: "machine-learning",
    nick: ["ML", "machine learning", "our model", "the AI model we're training"],
    code: true,
    basic: ["training set", "overfitting", "accuracy", "features", "learning rate", "neural network", "epoch"],
    advanced: [
      "regularization",
      "gradient clipping",
      "cross-validation",
      "class imbalance",
      "AdamW",
      "weight decay",
      "batch norm",
      "data leakage",
      "calibration",
    ],
    learn: {
      lay: [
        "how a computer can 'learn' from examples",
        "what people mean when they say the AI was trained",
        "why the model is great on our tests but bad in real life",
      ],
      basic: [
        "what overfitting really is and how to spot it",
        "how the learning rate changes training",
        "what the training set and validation set are each for",
      ],
      advanced: [
        "why weight decay in AdamW differs from L2 regularization",
        "how to detect data leakage across cross-validation folds",
        "how batch norm behaves differently at train and eval time",
      ],
    },
    problem: {
      lay: [
        "our prediction tool works on old data but is wrong on new customers",
        "the AI thing we trained says the same answer for everything",
        "training takes days and I don't know if it's working",
      ],
      basic: [
        "my accuracy is 99% on the training set but 60% on the test set",
        "the loss goes down for a few epochs then jumps to NaN",
        "adding more features made the model worse",
      ],
      advanced: [
        "validation loss diverges after warmup even with gradient clipping at 1.0",
        "our AUC looks great but calibration is terrible on the minority class",
        "we suspect data leakage because cross-validation beats the holdout by 15 points",
      ],
    },
    options: [
      ["gradient boosting", "a neural network"],
      ["more data", "a bigger model"],
      ["pytorch", "scikit-learn"],
    ],
    artifacts: [
      "a training loop in pytorch",
      "a script that splits the data into train and test sets",
      "a confusion matrix plot",
    ],
    explore: ["ways to use ML on our support tickets", "side projects to get better at ML"],
    claims: ["more layers always means a better model", "99% accuracy means the model is basically perfect"],
    misuse: [
      "should I raise the learning rate so the model learns more stuff?",
      "is overfitting when the model is too big for the server?",
    ],
    pastes: [
      "```\nEpoch 7/50  loss: nan  val_loss: nan  lr: 3e-3\nRuntimeError: Function 'LogSoftmaxBackward0' returned nan values in its 0th output.\n```",
      "```python\nmodel = nn.Sequential(nn.Linear(128, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.5))\nopt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)\n```",
    ],
    quotes: [
      "it's classic data leakage, your cross-validation folds share users",
      "use weight decay and gradient clipping and check calibration on the minority class",
    ],
    roles: ["ML engineer", "data scientist"],
  },

  "llm-apps": {
    id: "llm-apps",
    nick: ["LLMs", "our chatbot", "the AI assistant feature", "GPT stuff"],
    code: true,
    basic: ["prompt", "tokens", "context window", "embeddings", "temperature", "fine-tuning", "hallucination"],
    advanced: [
      "KV cache",
      "quantization",
      "retrieval-augmented generation",
      "LoRA",
      "speculative decoding",
      "reranker",
      "chunking strategy",
      "logit bias",
      "structured output",
    ],
    learn: {
      lay: [
        "how chatbots like this actually come up with answers",
        "why the AI sometimes just makes things up",
        "how the AI can know about our company documents",
      ],
      basic: [
        "how temperature changes what the model says",
        "what embeddings are for in search",
        "what happens when a conversation gets longer than the context window",
      ],
      advanced: [
        "how the KV cache grows with context and what quantization does to it",
        "when a reranker beats tuning the chunking strategy in retrieval-augmented generation",
        "how speculative decoding keeps outputs identical to the base model",
      ],
    },
    problem: {
      lay: [
        "our chatbot confidently gives customers wrong answers",
        "the AI feature got really slow this week",
        "the assistant forgets what we said a few messages ago",
      ],
      basic: [
        "the model ignores half my prompt when it gets long",
        "search over our docs with embeddings returns irrelevant pages",
        "responses change every time even for the same prompt",
      ],
      advanced: [
        "retrieval-augmented generation returns the right chunks but the answer still hallucinates",
        "after quantization to 4-bit our structured output breaks on long inputs",
        "throughput tanks once the KV cache passes about 8k tokens per request",
      ],
    },
    options: [
      ["fine-tuning", "retrieval-augmented generation"],
      ["a hosted API", "a self-hosted open model"],
      ["a bigger model", "better prompts"],
    ],
    artifacts: [
      "a system prompt for a support bot",
      "a small RAG pipeline over our markdown docs",
      "an eval script for our chatbot answers",
    ],
    explore: ["ways we could use LLMs in our product", "weird creative things to do with a language model"],
    claims: [
      "fine-tuning is always better than retrieval for company knowledge",
      "a longer prompt always gives better answers",
    ],
    misuse: ["should I add more tokens to the AI so it's smarter?", "is a context window the chat box on the screen?"],
    pastes: [
      '```\nopenai.BadRequestError: Error code: 400 - {"error": {"message": "This model\'s maximum context length is 8192 tokens. However, your messages resulted in 9317 tokens."}}\n```',
      "```python\nllm = Llama(model_path='q4_k_m.gguf', n_ctx=8192, n_gpu_layers=0)\nout = llm(prompt, max_tokens=512, temperature=0.2)\n```",
    ],
    quotes: [
      "use retrieval-augmented generation with a reranker instead of LoRA fine-tuning",
      "the KV cache is what eats your memory, try quantization",
    ],
    roles: ["ML engineer working on LLM serving", "applied AI engineer"],
  },

  networking: {
    id: "networking",
    nick: ["networking", "the network", "our wifi and servers", "DNS and stuff"],
    code: false,
    basic: ["DNS", "IP address", "port", "firewall", "latency", "router", "VPN"],
    advanced: [
      "TCP handshake",
      "MTU",
      "TLS termination",
      "BGP",
      "anycast",
      "NAT traversal",
      "packet loss",
      "TTL",
      "head-of-line blocking",
    ],
    learn: {
      lay: [
        "how my laptop actually finds a website",
        "why the internet is slow at the office but fine at home",
        "what happens between typing a web address and seeing the page",
      ],
      basic: [
        "how DNS turns a name into an IP address",
        "what a firewall is actually blocking",
        "why latency matters more than bandwidth for some apps",
      ],
      advanced: [
        "how MTU mismatches cause silent hangs on TLS handshakes",
        "how anycast and BGP route users to the nearest edge",
        "why HTTP/2 still suffers head-of-line blocking over TCP with packet loss",
      ],
    },
    problem: {
      lay: [
        "the office internet drops every afternoon",
        "our website works for me but customers say it won't open",
        "video calls freeze whenever someone uploads a file",
      ],
      basic: [
        "the DNS change I made an hour ago still isn't showing up",
        "I can ping the server but can't connect on the port",
        "everything works except when I'm on the VPN",
      ],
      advanced: [
        "large responses hang over the VPN, which smells like an MTU problem",
        "TLS termination at the load balancer adds 80ms on the first request",
        "we see packet loss only on one anycast POP after a BGP change",
      ],
    },
    options: [
      ["a CDN", "scaling our origin servers"],
      ["a mesh wifi system", "running ethernet cables"],
      ["wireguard", "openvpn"],
    ],
    artifacts: [
      "a checklist for diagnosing slow connections",
      "firewall rules for a small office",
      "a short doc explaining our network setup",
    ],
    explore: ["ways to make our app feel faster for users far away", "fun home network projects"],
    claims: ["more bandwidth always fixes lag", "changing DNS servers makes your internet faster"],
    misuse: [
      "should I get a bigger IP address so the site loads faster?",
      "is the firewall the thing that makes the wifi reach further?",
    ],
    pastes: [
      "```\n$ traceroute api.example.com\n 1  192.168.1.1  1.2 ms\n 2  * * *\n 3  10.20.0.1  48.9 ms\n```",
      "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to api.example.com:443",
    ],
    quotes: [
      "it's probably an MTU issue breaking the TLS handshake over the VPN",
      "check the TTL on the record and whether anycast is routing you to the wrong POP",
    ],
    roles: ["network engineer", "ops person who does our networking"],
  },

  security: {
    id: "security",
    nick: ["security", "our login system", "auth", "app security"],
    code: true,
    basic: ["password hashing", "HTTPS", "session", "token", "2FA", "encryption", "permissions"],
    advanced: [
      "CSRF",
      "XSS",
      "OAuth scopes",
      "JWT signature",
      "SameSite cookies",
      "PKCE",
      "bcrypt cost factor",
      "CSP header",
      "least privilege",
    ],
    learn: {
      lay: [
        "how websites keep my password safe",
        "why everyone keeps telling us to turn on that two-step login thing",
        "how hackers actually get into company accounts",
      ],
      basic: [
        "how password hashing protects leaked databases",
        "what a session token is and where it should live",
        "why HTTPS matters even for internal tools",
      ],
      advanced: [
        "how PKCE protects the OAuth code flow for public clients",
        "when SameSite cookies are enough against CSRF",
        "how a strict CSP header limits the damage of XSS",
      ],
    },
    problem: {
      lay: [
        "someone logged into a coworker's account and we don't know how",
        "the browser says our site is 'not secure'",
        "users keep getting logged out randomly",
      ],
      basic: [
        "our session token seems to survive logout",
        "2FA codes fail for some users but not others",
        "we store passwords with md5 and I think that's bad",
      ],
      advanced: [
        "our JWT signature check accepts tokens with alg none",
        "the CSP header blocks our own inline scripts after the XSS fix",
        "the OAuth scopes on the mobile app are way broader than least privilege allows",
      ],
    },
    options: [
      ["JWTs", "server-side sessions"],
      ["building our own login", "using an identity provider"],
      ["bcrypt", "argon2"],
    ],
    artifacts: [
      "a password reset flow",
      "a short security checklist for new services",
      "middleware that checks permissions on each request",
    ],
    explore: ["ways to make our app harder to attack", "what a small team should prioritize in security"],
    claims: ["HTTPS means our app is secure", "JWTs are always more secure than sessions"],
    misuse: [
      "should we encrypt the passwords twice so they're extra hashed?",
      "is 2FA the same as having two passwords?",
    ],
    pastes: [
      "```\nRefused to execute inline script because it violates the following Content Security Policy directive: \"script-src 'self'\".\n```",
      '```js\nconst token = jwt.sign({ sub: user.id, scope: "admin" }, SECRET, { algorithm: "HS256", expiresIn: "30d" });\n```',
    ],
    quotes: [
      "use PKCE and SameSite cookies, and check the JWT signature algorithm",
      "your CSP header should stop the XSS but you still need CSRF tokens",
    ],
    roles: ["security engineer", "appsec person"],
  },

  "distributed-systems": {
    id: "distributed-systems",
    nick: ["distributed systems", "our microservices", "the queue setup", "the event pipeline"],
    code: true,
    basic: ["message queue", "retry", "timeout", "replica", "microservice", "load balancer", "cache"],
    advanced: [
      "idempotency key",
      "consensus",
      "Raft",
      "eventual consistency",
      "exactly-once delivery",
      "backpressure",
      "vector clock",
      "split brain",
      "outbox pattern",
    ],
    learn: {
      lay: [
        "how big apps stay up when one computer breaks",
        "why our system sometimes shows old data for a few seconds",
        "why engineers keep splitting the app into lots of little services",
      ],
      basic: [
        "how a message queue helps when a service is slow",
        "when retries make things worse instead of better",
        "how replicas stay in sync",
      ],
      advanced: [
        "how Raft handles a leader that comes back after a partition",
        "why exactly-once delivery is usually idempotency plus at-least-once",
        "when the outbox pattern beats two-phase commit",
      ],
    },
    problem: {
      lay: [
        "customers sometimes get charged twice",
        "the app shows different numbers depending on when you refresh",
        "when one part of the system goes down everything else goes down too",
      ],
      basic: [
        "our retries flood the service that's already slow",
        "messages in the queue get processed twice sometimes",
        "a timeout in one microservice cascades through the others",
      ],
      advanced: [
        "we saw split brain after a network partition even with Raft",
        "consumers fall behind and we have no backpressure so memory explodes",
        "our idempotency key table grows forever and lookups got slow",
      ],
    },
    options: [
      ["kafka", "a plain postgres queue"],
      ["microservices", "a modular monolith"],
      ["strong consistency", "eventual consistency"],
    ],
    artifacts: [
      "a retry helper with exponential backoff",
      "a design doc for our order pipeline",
      "a consumer that handles duplicate messages",
    ],
    explore: ["ways to make our system more resilient", "architectures we could consider for the next version"],
    claims: ["microservices are always more scalable than a monolith", "kafka guarantees exactly-once out of the box"],
    misuse: [
      "should we add more replicas so the data is more correct?",
      "is a load balancer the thing that backs up the database?",
    ],
    pastes: [
      "```\nWARN  consumer-group orders lag=184223 partition=7\nERROR RetryExhausted: POST /payments failed after 5 attempts (timeout 2000ms)\n```",
      "```go\nif err := tx.Commit(); err != nil { return retry(ctx, publishEvent, backoff.Exponential(100*time.Millisecond)) }\n```",
    ],
    quotes: [
      "use an idempotency key and the outbox pattern, exactly-once delivery is a myth",
      "you have no backpressure, so eventual consistency turns into eventual collapse",
    ],
    roles: ["distributed systems engineer", "backend architect"],
  },

  git: {
    id: "git",
    nick: ["git", "version control", "github", "our repo"],
    code: true,
    basic: ["commit", "branch", "merge", "pull request", "push", "merge conflict", "clone"],
    advanced: [
      "interactive rebase",
      "reflog",
      "cherry-pick",
      "detached HEAD",
      "fast-forward",
      "bisect",
      "submodule",
      "force-with-lease",
      "squash merge",
    ],
    learn: {
      lay: [
        "how the team keeps track of changes to the code",
        "why developers are always talking about 'branches'",
        "what that github website actually does",
      ],
      basic: [
        "what actually happens when I merge a branch",
        "how to handle a merge conflict without panicking",
        "what the difference between a commit and a push is",
      ],
      advanced: [
        "how interactive rebase rewrites history and when force-with-lease is safe",
        "how git bisect finds the commit that broke things",
        "when a squash merge beats a merge commit for a team's history",
      ],
    },
    problem: {
      lay: [
        "I think I deleted a week of work on the shared code",
        "my changes aren't showing up for my teammate",
        "the code website says something about conflicts and won't let me continue",
      ],
      basic: [
        "I committed to the wrong branch",
        "my push gets rejected and says I need to pull first",
        "I have a merge conflict in a file I never touched",
      ],
      advanced: [
        "I'm in a detached HEAD after a bisect and lost track of my commits",
        "an interactive rebase dropped a commit and I need it back from the reflog",
        "cherry-picking the hotfix onto the release branch conflicts in a submodule",
      ],
    },
    options: [
      ["rebase", "merge"],
      ["a monorepo", "many small repos"],
      ["trunk-based development", "long-lived feature branches"],
    ],
    artifacts: [
      "a pre-commit hook that runs the linter",
      "a short git cheat sheet for the team",
      "a branching guide for our release process",
    ],
    explore: ["ways to make our code review faster", "git tricks most people don't know"],
    claims: ["rebasing is always dangerous and should be banned", "you should never commit directly to main"],
    misuse: ["should I make a new branch so the code runs faster?", "is a commit the same thing as saving the file?"],
    pastes: [
      "```\n! [rejected]        main -> main (non-fast-forward)\nerror: failed to push some refs to 'github.com:acme/api.git'\nhint: Updates were rejected because the tip of your current branch is behind\n```",
      "```\nYou are in 'detached HEAD' state. You can look around, make experimental\nchanges and commit them, and you can discard any commits you make in this\nstate without impacting any branches by switching back to a branch.\n```",
    ],
    quotes: [
      "just do an interactive rebase and push with force-with-lease",
      "check the reflog, your commit is there, then cherry-pick it",
    ],
    roles: ["developer who maintains our build and release tooling", "release engineer"],
  },

  statistics: {
    id: "statistics",
    nick: ["stats", "statistics", "our A/B test numbers", "the data analysis"],
    code: true,
    basic: ["average", "p-value", "sample size", "correlation", "standard deviation", "A/B test", "outlier"],
    advanced: [
      "confidence interval",
      "statistical power",
      "heteroscedasticity",
      "bootstrap",
      "multiple comparisons",
      "Bayesian prior",
      "regression to the mean",
      "CUPED",
      "peeking problem",
    ],
    learn: {
      lay: [
        "how you can tell if a change actually made a difference",
        "why surveys of 1000 people can say anything about millions",
        "what all those percentages in reports really mean",
      ],
      basic: [
        "what a p-value actually tells me",
        "how big a sample size I need for an A/B test",
        "why correlation doesn't mean causation in practice",
      ],
      advanced: [
        "how CUPED reduces variance in A/B tests",
        "when a bootstrap confidence interval beats the normal approximation",
        "how to correct for multiple comparisons without killing statistical power",
      ],
    },
    problem: {
      lay: [
        "our test says the new page is better but sales didn't change",
        "two reports show opposite results from the same data",
        "my boss wants to know if the campaign worked and I have no idea how to tell",
      ],
      basic: [
        "my A/B test has a p-value of 0.04 but the effect flips every week",
        "one outlier customer drags the whole average up",
        "the correlation looks strong but I don't trust it",
      ],
      advanced: [
        "our experiments look significant early and then regress, which smells like the peeking problem",
        "the regression residuals show clear heteroscedasticity",
        "after checking 20 metrics a few are significant and I worry about multiple comparisons",
      ],
    },
    options: [
      ["a t-test", "a Mann-Whitney test"],
      ["frequentist testing", "a Bayesian approach"],
      ["the mean", "the median"],
    ],
    artifacts: [
      "a sample size calculation for our next test",
      "a script that computes a bootstrap confidence interval",
      "a one-page summary of our experiment results",
    ],
    explore: ["ways to get more out of our experiment data", "interesting questions we could answer with our data"],
    claims: ["a p-value of 0.05 means there's a 95% chance the result is true", "more data always removes bias"],
    misuse: ["should I increase the p-value so the result counts?", "is the standard deviation like the normal value?"],
    pastes: [
      "```\n\tWelch Two Sample t-test\n t = 2.07, df = 1843.2, p-value = 0.0386\n95 percent confidence interval:\n 0.0021 0.0803\n```",
      "```python\nfrom scipy import stats\nstats.ttest_ind(a, b, equal_var=False)\n```",
    ],
    quotes: [
      "the confidence interval is wide because you lack statistical power",
      "it's regression to the mean plus the peeking problem",
    ],
    roles: ["data analyst", "statistician"],
  },

  concurrency: {
    id: "concurrency",
    nick: ["async code", "threads", "our background jobs", "concurrency stuff"],
    code: true,
    basic: ["thread", "async/await", "promise", "lock", "race condition", "callback", "parallel"],
    advanced: [
      "mutex",
      "deadlock",
      "memory barrier",
      "lock-free",
      "thread pool starvation",
      "event loop",
      "atomic compare-and-swap",
      "work stealing",
      "priority inversion",
    ],
    learn: {
      lay: [
        "how a computer does several things at once",
        "why the app freezes while it's loading something",
        "why doing things 'in the background' is tricky",
      ],
      basic: [
        "how async/await differs from using threads",
        "what a race condition looks like in real code",
        "when a lock is actually needed",
      ],
      advanced: [
        "how memory barriers make lock-free code correct",
        "what causes thread pool starvation with blocking calls",
        "how work stealing schedulers balance load",
      ],
    },
    problem: {
      lay: [
        "the app freezes for a few seconds whenever it saves",
        "sometimes the totals are off by a little and I can't reproduce it",
        "the program just stops responding after running for a while",
      ],
      basic: [
        "two threads update the same counter and it ends up wrong",
        "my promise never resolves and nothing errors",
        "adding async/await made the loop slower, not faster",
      ],
      advanced: [
        "we hit a deadlock between two mutexes under load",
        "the event loop is blocked by a sync JSON parse and latency spikes",
        "our lock-free queue loses items only on ARM, probably a memory barrier issue",
      ],
    },
    options: [
      ["threads", "async/await"],
      ["a worker pool", "spawning a process per job"],
      ["a mutex", "message passing"],
    ],
    artifacts: [
      "a worker pool for image resizing",
      "a rate limiter for outgoing requests",
      "a function that fetches 100 URLs with at most 5 in flight",
    ],
    explore: ["ways to make our batch jobs finish faster", "concurrency models worth learning"],
    claims: ["more threads always means faster code", "async code can't have race conditions"],
    misuse: ["should I add a lock so the code runs in parallel?", "is a thread like a USB cable for the CPU?"],
    pastes: [
      '```\nFound one Java-level deadlock:\n"worker-3": waiting to lock monitor 0x00007f (a java.lang.Object), which is held by "worker-7"\n```',
      "```js\nfor (const url of urls) { results.push(await fetch(url)); }\n```",
    ],
    quotes: [
      "you've got priority inversion plus thread pool starvation",
      "use an atomic compare-and-swap instead of the mutex",
    ],
    roles: ["systems programmer", "backend engineer working on our job runners"],
  },

  investing: {
    id: "investing",
    nick: ["investing", "my savings", "retirement stuff", "the stock market"],
    code: false,
    basic: ["index fund", "stocks", "bonds", "dividends", "compound interest", "ETF", "diversification"],
    advanced: [
      "expense ratio",
      "asset allocation",
      "rebalancing",
      "tax-loss harvesting",
      "sequence of returns risk",
      "dollar-cost averaging",
      "Sharpe ratio",
      "capital gains",
      "glide path",
    ],
    learn: {
      lay: [
        "how people actually grow money by investing",
        "what happens to my money when I put it in the 'market'",
        "why everyone says to start saving for retirement early",
      ],
      basic: [
        "how an index fund works",
        "what diversification protects me from",
        "how compound interest adds up over 30 years",
      ],
      advanced: [
        "how sequence of returns risk should shape a glide path",
        "when tax-loss harvesting is worth the complexity",
        "how rebalancing bands compare to calendar rebalancing",
      ],
    },
    problem: {
      lay: [
        "my savings account barely grows and I don't know what else to do",
        "I put money in something my friend recommended and it dropped a lot",
        "my retirement account statement makes no sense to me",
      ],
      basic: [
        "my portfolio is mostly one stock and I'm nervous",
        "I don't know if I should sell my ETF after the drop",
        "my bonds lost money and I thought they were safe",
      ],
      advanced: [
        "my asset allocation drifted to 90/10 and rebalancing triggers capital gains",
        "I'm unsure whether tax-loss harvesting will trip the wash sale rule",
        "my funds' expense ratio adds up to almost 1% all-in",
      ],
    },
    options: [
      ["paying off my mortgage", "investing the money"],
      ["an index fund", "picking individual stocks"],
      ["a robo-advisor", "doing it myself"],
    ],
    artifacts: [
      "a simple monthly budget",
      "an investing plan for my first job",
      "a spreadsheet that tracks my portfolio",
    ],
    explore: ["ways to save more without feeling it", "investing ideas beyond the usual index funds"],
    claims: ["real estate always goes up", "you can time the market if you follow the news closely"],
    misuse: [
      "should I buy more dividends so my bonds go up?",
      "is an index fund a kind of savings account at the bank?",
    ],
    pastes: [
      "```\nVTSAX  Vanguard Total Stock Mkt Idx Adm   62.4%   ER 0.04%\nVBTLX  Vanguard Total Bond Mkt Idx Adm    21.9%   ER 0.05%\nCash                                      15.7%\n```",
      "Your asset allocation has drifted outside its target band. Rebalancing may realize capital gains. Expense ratio (weighted): 0.61%.",
    ],
    quotes: [
      "you should rebalance and consider tax-loss harvesting before year end",
      "watch the expense ratio and your sequence of returns risk",
    ],
    roles: ["financial planner", "someone who has managed my own portfolio for 15 years"],
  },
};

/** Every term a topic uses (for keyword baselines that only have word lists). */
export function jargonOf(topic: Topic): string[] {
  return [...topic.basic, ...topic.advanced];
}
