import { detach } from "./detach.js";

/**
 * Topics and the terms that show someone works in them. Starts from a seed lexicon and grows from what
 * people say: a jargon-looking word that keeps appearing next to a topic's terms becomes a term of that
 * topic, and one that keeps appearing on its own becomes a topic of its own. One vocabulary is shared by
 * every mind of a process (minds stay small); it serializes for persistence.
 */

/**
 * The seed lexicon, one line per tier: for each topic, the BASIC terms (what someone with working knowledge
 * of it says) and the ADVANCED ones (what mostly practitioners name; they get a leading `^`, see the
 * constructor). Written for real people, not for any benchmark. Matching is on lowercase word tokens, so
 * a term must be specific enough not to fire in ordinary chat:
 * - no everyday English ("test", "build", "code", "data", "server", "file", "model", "state", "key", "table");
 * - ambiguous words only in multi-word or unambiguous forms: "react" (verb) → "reactjs", "react hooks";
 *   "hydration" (water) → "hydration mismatch"; "join" → "inner join"; "consensus" → "consensus algorithm";
 *   "branch" → "feature branch"; "commit" (verb) → "git commit", "commits"; "prior" → "prior distribution";
 *   "attention" → "self-attention"; "regression" (stats vs tests) → "linear regression", "regression test";
 * - no words laypeople use about their own lives ("vpn", "wifi", "dna test", "stocks", "chatgpt", "phishing"):
 *   they would make everyone look technical;
 * - each term belongs to exactly one topic (the constructor keeps only the last topic of a duplicate).
 * Kept: a few short tech words that rarely mean anything else ("index", "schema", "pod", "container", "repo").
 */
const SEED: Record<string, string[]> = Object.fromEntries(
  Object.entries({
    databases: [
      "sql, postgres, postgresql, mysql, mariadb, sqlite, mongodb, redis, dynamodb, database schema, schema, index, indexes, primary key, foreign key, inner join, left join, outer join, sql join, group by, orm, nosql, stored procedure, database migration, schema migration, read replica, connection pool, upsert, acid transactions, prisma, sqlalchemy, neo4j, cypher",
      "mvcc, query planner, query plan, explain analyze, isolation level, serializable isolation, phantom read, write-ahead log, wal, b-tree, lsm tree, covering index, partial index, composite index, gin index, vacuum full, autovacuum, index bloat, materialized view, window function, cte, n+1 query, logical replication, pgbouncer, denormalization, cardinality estimate, hot standby",
    ],
    infrastructure: [
      "kubernetes, k8s, kubectl, docker, dockerfile, docker compose, container, containers, containerized, container image, container registry, pod, pods, helm, helm chart, terraform, ansible, pulumi, infrastructure as code, iac, load balancer, nginx, reverse proxy, autoscaling, ingress, virtual machine, node pool",
      "pod disruption budget, taints and tolerations, envoy proxy, statefulset, daemonset, sidecar container, service mesh, istio, kubernetes operator, custom resource definition, crd, tolerations, node affinity, horizontal pod autoscaler, hpa, control plane, kubelet, etcd, readiness probe, liveness probe, cgroups, terraform state, drift detection, immutable infrastructure",
    ],
    cloud: [
      "aws, gcp, google cloud, azure, ec2, s3, s3 bucket, aws lambda, serverless, cloud functions, cloud run, iam permissions, vpc, availability zone, rds, cloudformation, aws cdk, eks, gke, aks, ecs, fargate, heroku, vercel, netlify, cloudflare, digitalocean, object storage",
      "iam policy, iam role, assume role, spot instances, reserved instances, savings plans, egress costs, egress fees, vpc peering, transit gateway, privatelink, nat gateway, cold start, multi-region, landing zone, service control policy, shared responsibility model, finops, well-architected, cross-account",
    ],
    devops: [
      "devops, ci/cd, ci pipeline, build pipeline, deployment pipeline, continuous integration, continuous deployment, continuous delivery, github actions, gitlab ci, jenkins, circleci, buildkite, staging environment, feature flag, feature flags, semver, semantic versioning, cron job, crontab, build artifacts, release pipeline",
      "blue-green deployment, blue/green, canary deployment, canary release, gitops, argocd, trunk-based development, progressive delivery, dora metrics, deployment frequency, change failure rate, hermetic builds, reproducible builds, bazel, build cache, matrix build, self-hosted runners, release train, artifact promotion",
    ],
    observability: [
      "observability, monitoring stack, grafana, prometheus, datadog, new relic, sentry, opentelemetry, otel, pagerduty, on-call rotation, alerting, uptime, log aggregation, structured logging, log levels, distributed tracing, kibana, elk stack, splunk, cloudwatch, jaeger, sla, slas",
      "slo, slos, sli, slis, error budget, burn-rate alert, burn rate alert, burn rate alerts, high cardinality, golden signals, promql, trace propagation, trace context, tail sampling, head sampling, mttr, blameless postmortem, synthetic monitoring, runbook, runbooks, alert fatigue",
    ],
    performance: [
      "latency, latency budget, cpu profiling, p99, p95, p50, throughput, profiler, cpu profile, memory profiling, load testing, load test, cache hit, cache hit rate, hot path, cpu usage, memory usage",
      "flame graph, flamegraph, tail latency, cache miss, cache misses, cpu-bound, memory-bound, io-bound, coordinated omission, simd, branch prediction, cache line, cache locality, data locality, heap allocation, amdahl's law, little's law, zero-copy, jit compilation, inlining, escape analysis, microbenchmark",
    ],
    "distributed-systems": [
      "distributed systems, distributed system, microservices, microservice, message queue, message broker, kafka, rabbitmq, pub/sub, event-driven, sharding, idempotent, idempotency, eventual consistency, cap theorem, circuit breaker, rate limiting, rate limiter, retry with backoff, exponential backoff",
      "consensus algorithm, consensus protocol, raft, paxos, linearizability, linearizable, partition tolerance, network partition, quorum reads, quorum writes, read quorum, write quorum, majority quorum, replication lag, replication factor, leader election, vector clock, lamport clock, hybrid logical clock, crdt, crdts, exactly-once, at-least-once, backpressure, load shedding, split brain, gossip protocol, byzantine fault tolerance, consistent hashing, event sourcing, saga pattern, outbox pattern, two-phase commit, 2pc, fencing token",
    ],
    concurrency: [
      "concurrency, multithreading, multithreaded, threading, main thread, background thread, os threads, race condition, deadlock, mutex, semaphore, thread pool, thread safety, thread-safe, event loop, async, async/await, coroutine, coroutines, goroutine, goroutines, worker threads, critical section",
      "lock-free, wait-free, atomics, atomic operations, compare-and-swap, memory model, memory ordering, memory barrier, happens-before, livelock, lock contention, priority inversion, aba problem, false sharing, work stealing, structured concurrency, green threads, actor model, read-write lock, rwlock, spinlock, condition variable, data race, reentrant",
    ],
    programming: [
      "compiler, compile error, syntax error, runtime error, stack trace, null pointer, segfault, memory leak, garbage collection, garbage collector, refactor, refactoring, type inference, static typing, exception handling, try/catch, debugger, breakpoint, api, apis, rest api, api endpoint, endpoint, json, yaml, sdk, webhook, webhooks, regex, regular expression, environment variable, env var, cli, command line, shell script, bash script, linux, localhost, object-oriented, oop, package manager, java, golang, ruby on rails, php, kotlin, scala, haskell, cpp",
      "higher-order functions, monad, monads, algebraic data types, sum types, pattern matching, dependency injection, inversion of control, currying, immutability, pure functions, referential transparency, duck typing, structural typing, type erasure, metaprogramming, abstract syntax tree, undefined behavior, liskov substitution, solid principles, dynamic dispatch, vtable, smart pointers, contravariance, tail call optimization",
    ],
    python: [
      "python, python3, flask app, pip, pip3, virtualenv, venv, conda, pandas, numpy, scipy, matplotlib, jupyter, jupyter notebook, ipython, django, fastapi, requirements.txt, pyproject.toml, list comprehension, type hints, python decorator",
      "global interpreter lock, free-threaded python, asyncio, generator expression, metaclass, metaclasses, descriptor protocol, dunder methods, method resolution order, mro, cpython, pypy, cython, context manager, pep 8, pep8, mypy, pydantic, walrus operator, manylinux",
    ],
    javascript: [
      "javascript, typescript, js, node.js, nodejs, npm, pnpm, deno, express.js, expressjs, nestjs, package.json, node_modules, tsconfig, tsconfig.json, eslint, es6, arrow function, arrow functions, console.log, promise chain, callback hell",
      "microtask, microtask queue, hoisting, temporal dead zone, prototype chain, prototypal inheritance, commonjs, esm, es modules, module resolution, type narrowing, type guard, discriminated union, conditional types, mapped types, declaration merging, satisfies operator, libuv, worker_threads",
    ],
    rust: [
      "rust, rustlang, rustc, rustup, cargo.toml, crates.io, clippy, borrow checker, tokio, serde, async rust",
      "lifetime annotations, lifetime elision, trait objects, dyn trait, monomorphization, zero-cost abstractions, unsafe rust, interior mutability, refcell, proc macro, proc macros, procedural macros, associated types, higher-ranked trait bounds, non-lexical lifetimes, orphan rule, miri, phantomdata",
    ],
    algorithms: [
      "big-o, big o, time complexity, space complexity, binary search, recursion, recursive function, hash map, hashmap, hash table, linked list, binary tree, binary search tree, sorting algorithm, quicksort, merge sort, bubble sort, bfs, dfs, breadth-first search, depth-first search, data structures, graph traversal, dijkstra, priority queue, leetcode",
      "dynamic programming, memoization, amortized complexity, amortized time, backtracking algorithm, np-hard, np-complete, greedy algorithm, topological sort, union-find, disjoint set, trie, segment tree, fenwick tree, red-black tree, avl tree, bloom filter, skip list, minimum spanning tree, master theorem, min-heap, max-heap",
    ],
    security: [
      "xss, csrf, sql injection, oauth, oauth2, jwt, tls, ssl, ssl certificate, password hashing, encryption at rest, public key cryptography, asymmetric encryption, symmetric encryption, aes, rsa, rbac, least privilege, owasp, cors, cve, penetration test, penetration testing, pentest, secrets management, incident response, security audit",
      "threat model, threat modeling, attack surface, ssrf, rce, remote code execution, privilege escalation, lateral movement, supply chain attack, zero trust, mtls, hsm, key rotation, side-channel, timing attack, content security policy, same-origin policy, bcrypt, argon2, pkce, saml, oidc, sbom, defense in depth, cwe, insecure deserialization, idor, prompt injection",
    ],
    networking: [
      "tcp, udp, dns, http request, http headers, http status code, ip address, http/2, websocket, websockets, packet loss, subnet, subnets, port forwarding, ipv4, ipv6, cdn, traceroute, dhcp, ssh, osi model, tcp/ip, proxy server, firewall rules, dns record, dns records",
      "tls handshake, tcp handshake, three-way handshake, mtu, bgp, anycast, cidr, congestion control, nagle's algorithm, head-of-line blocking, quic, http/3, vlan, bufferbloat, syn flood, window scaling, ospf, rtt, round-trip time, nat traversal, keepalive",
    ],
    frontend: [
      "frontend, front-end, reactjs, react.js, react component, react components, react hooks, react app, usestate, useeffect, next.js, nextjs, vue, vue.js, svelte, angularjs, css, html, flexbox, css grid, tailwind, jsx, vite, webpack, redux, state management, responsive design, media query, media queries, sass, single-page app, devtools, dom manipulation",
      "hydration mismatch, hydration error, partial hydration, ssr, server-side rendering, server components, virtual dom, shadow dom, code splitting, tree shaking, bundle size, core web vitals, cumulative layout shift, largest contentful paint, critical rendering path, reflow, layout thrashing, usememo, usecallback, stale closure, prop drilling, css specificity, stacking context, islands architecture, service worker",
    ],
    accessibility: [
      "accessibility, a11y, screen reader, screen readers, alt text, color contrast, contrast ratio, keyboard navigation, wcag, aria-label, aria labels, aria attributes, nvda, focus state, tab order, ada compliance",
      "aria-live, live region, focus trap, focus management, roving tabindex, tabindex, accessible name, accessibility tree, wcag aa, success criterion, skip link, prefers-reduced-motion, reduced motion, landmark roles, semantic html, vpat",
    ],
    mobile: [
      "ios app, android app, ios development, android development, android sdk, swiftui, android emulator, ios simulator, app store connect, google play console, apns, kotlin multiplatform, jetpack compose, react native, flutter, xcode, android studio, testflight, gradle, cocoapods",
      "provisioning profile, code signing, deep linking, deep links, universal links, app lifecycle, background fetch, uikit, core data, proguard, anr, app thinning, hermes engine, turbomodules, viewmodel, livedata, app store review, push notification service",
    ],
    testing: [
      "unit test, mock objects, selenium webdriver, playwright tests, unit tests, unit testing, integration test, integration tests, end-to-end test, end-to-end tests, e2e, test coverage, code coverage, jest, vitest, pytest, junit, cypress, test suite, test case, test cases, tdd, regression test, regression tests, flaky test, flaky tests",
      "property-based testing, mutation testing, fuzzing, fuzz testing, contract testing, snapshot testing, test double, test doubles, test pyramid, golden files, hermetic tests, test isolation, test fixtures, characterization tests, approval tests, bdd, gherkin, quickcheck",
    ],
    "data-engineering": [
      "etl, elt, apache airflow, airflow dag, dbt models, dbt project, parquet files, data pipeline, data pipelines, data warehouse, data lake, lakehouse, bigquery, redshift, databricks, apache spark, pyspark, batch processing, stream processing, star schema, fivetran, dagster",
      "change data capture, slowly changing dimension, partition pruning, predicate pushdown, columnar storage, data skew, late-arriving data, delta lake, apache iceberg, schema evolution, data contracts, medallion architecture, spark shuffle, z-ordering, flink, data lineage",
    ],
    "llm-inference": [
      "quantization, quantized, gguf, llama.cpp, vllm, ollama, lm studio, tokens per second, context window, context length, vram, gpu memory, inference server, local llm, int8, int4, fp16, top-p, top-k, batch inference",
      "kv cache, kv-cache, prefill, speculative decoding, flash attention, flashattention, paged attention, pagedattention, continuous batching, tensor parallelism, pipeline parallelism, time to first token, ttft, prefix caching, awq, gptq, exl2, tensorrt-llm, draft model, sglang, rope scaling, decode phase",
    ],
    "fine-tuning": [
      "fine-tune, fine-tuning, fine-tuned, finetune, finetuning, lora, qlora, instruction tuning, sft, supervised fine-tuning, rlhf, base model, training run, unsloth",
      "peft, dpo, orpo, grpo, reward model, preference data, catastrophic forgetting, lora rank, lora alpha, target modules, gradient checkpointing, mixed precision, deepspeed, fsdp, sequence packing, chat template, loss masking, knowledge distillation, model merging, rejection sampling",
    ],
    "machine-learning": [
      "machine learning, deep learning, transformer architecture, transformer model, transformer models, word embeddings, embedding model, embedding vectors, neural network, neural networks, neural net, training set, test set, validation set, train/test split, overfitting, underfitting, gradient descent, learning rate, backprop, backpropagation, embeddings, epochs, batch size, loss function, pytorch, tensorflow, keras, scikit-learn, sklearn, hugging face, huggingface, random forest, xgboost, precision and recall, f1 score, confusion matrix, feature engineering, hyperparameters, hyperparameter tuning, tensor, tensors",
      "self-attention, multi-head attention, dropout rate, dropout layer, attention mechanism, softmax, logits, cross-entropy, regularization, weight decay, batch normalization, layer norm, layernorm, vanishing gradients, exploding gradients, adamw, adam optimizer, learning rate schedule, warmup steps, bias-variance tradeoff, positional encoding, mixture of experts, scaling laws, contrastive learning, latent space, diffusion model, gradient clipping, label smoothing",
    ],
    "llm-apps": [
      "llm, llms, rag, rag pipeline, document chunking, chunking strategy, retrieval-augmented generation, vector database, vector db, vector store, embeddings api, semantic search, prompt engineering, system prompt, ai agent, ai agents, agentic, tool calling, function calling, langchain, llamaindex, structured output, structured outputs, json mode, few-shot, chain of thought, openai api, pgvector, pinecone, model context protocol, mcp server",
      "reranker, reranking, llm guardrails, hybrid search, bm25, chunk overlap, evals, eval harness, llm-as-judge, llm-as-a-judge, agent loop, context engineering, prompt caching, semantic caching, query rewriting, maximal marginal relevance, constrained decoding, dspy, multi-agent",
    ],
    statistics: [
      "p-value, p-values, confidence interval, standard deviation, variance, linear regression, logistic regression, regression analysis, correlation coefficient, statistical significance, statistically significant, sample size, hypothesis test, hypothesis testing, null hypothesis, a/b test, a/b testing, normal distribution, t-test, chi-square, anova, r-squared, bayesian, margin of error, spss",
      "prior distribution, posterior distribution, confounding variable, confounding variables, bayes factor, credible interval, heteroscedasticity, multicollinearity, multiple comparisons, bonferroni correction, false discovery rate, statistical power, power analysis, effect size, maximum likelihood, mle, mcmc, markov chain monte carlo, confounder, instrumental variable, mixed effects model, random effects, survival analysis, kaplan-meier, p-hacking, degrees of freedom, central limit theorem, sequential testing",
    ],
    finance: [
      "cash flow, ebitda, balance sheet, income statement, p&l, profit and loss, gross margin, net margin, operating expenses, opex, capex, burn rate, arr, mrr, churn, churn rate, unit economics, cap table, amortization, revenue recognition, accounts receivable, accounts payable, gaap, ifrs, cogs, working capital, general ledger, journal entry, accrual accounting, quickbooks",
      "deferred revenue, discounted cash flow, dcf, wacc, npv, irr, ltv/cac, cac payback, net revenue retention, nrr, free cash flow, asc 606, goodwill impairment, contribution margin, rule of 40, three-statement model, leveraged buyout, lbo, pre-money valuation, post-money valuation, straight-line depreciation",
    ],
    investing: [
      "index fund, index funds, etf, etfs, expense ratio, dividend, dividends, bond fund, treasury bonds, brokerage account, investment portfolio, asset allocation, rebalancing, compound interest, capital gains, 401k, ira, roth ira, vanguard, s&p 500, dollar-cost averaging, market cap, mutual fund, mutual funds",
      "sharpe ratio, tax-loss harvesting, factor investing, sequence of returns risk, safe withdrawal rate, duration risk, yield curve, efficient frontier, modern portfolio theory, backdoor roth, mega backdoor roth, wash sale, asset location, p/e ratio, covered calls, implied volatility",
    ],
    billing: [
      "invoicing, stripe, subscription billing, recurring billing, billing cycle, payment gateway, payment processor, stripe checkout, pricing tiers, usage-based pricing, free trial conversion",
      "proration, invoice generation, invoice line items, payment intent, paymentintent, chargeback, chargebacks, dunning, metered billing, usage-based billing, revenue leakage, idempotency key, 3d secure, sca, psd2, pci dss, pci compliance, tax nexus, merchant of record, smart retries, involuntary churn, billing anchor, credit notes",
    ],
    "product-management": [
      "product roadmap, okr, okrs, user story, user stories, product backlog, backlog grooming, backlog refinement, product-market fit, product manager, product management, feature request, feature requests, jira, acceptance criteria, go-to-market, prd, scrum, kanban, sprint planning, story points",
      "north star metric, jobs to be done, jtbd, rice scoring, kano model, opportunity solution tree, continuous discovery, dual-track agile, activation rate, aha moment, time to value, product-led growth, plg, pirate metrics, aarrr, wsjf, impact mapping, cohort analysis",
    ],
    design: [
      "wireframe, wireframes, figma, typography, user research, usability test, usability testing, ux, ui/ux, ux design, ui design, mockup, mockups, design system, user flow, user flows, visual hierarchy, style guide, journey map, adobe xd",
      "kerning, affordance, affordances, gestalt principles, design tokens, information architecture, card sorting, tree testing, heuristic evaluation, nielsen heuristics, fitts's law, hick's law, 8-point grid, baseline grid, modular scale, optical alignment, auto layout, component variants, progressive disclosure, dark patterns, double diamond",
    ],
    legal: [
      "gdpr, ccpa, hipaa, nda, ndas, terms of service, privacy policy, intellectual property, open source license, mit license, gpl, apache 2.0, data processing agreement, dpa, soc 2, soc2, iso 27001, fair use, licensing terms, liability clause",
      "indemnification, indemnity, limitation of liability, copyleft, agpl, lgpl, license compatibility, standard contractual clauses, data controller, data processor, lawful basis, legitimate interest, dpia, force majeure, governing law, work for hire, ip assignment, non-compete, dmca, contributor license agreement, data subject access request, dsar, subprocessor",
    ],
    writing: [
      "thesis statement, brand voice, topic sentence, active voice, passive voice, copyediting, copy editing, narrative arc, character arc, oxford comma, ap style, chicago manual of style, ghostwriting",
      "inverted pyramid, lede, bury the lede, nut graf, show don't tell, free indirect discourse, unreliable narrator, parallel structure, dangling modifier, em dash, line editing, developmental editing, kill your darlings, through-line, controlling idea, anaphora",
    ],
    biology: [
      "crispr, rna, dna sequencing, dna replication, gene expression, protein folding, mitochondria, enzyme, enzymes, cell culture, genome, genomics, chromosome, chromosomes, cell biology, molecular biology, natural selection, bioinformatics, epigenetics, gel electrophoresis, pcr amplification",
      "western blot, qpcr, rt-qpcr, rna-seq, single-cell, scrna-seq, transcriptomics, proteomics, alphafold, gene knockout, plasmid, transfection, transcription factor, methylation, crispr-cas9, guide rna, off-target effects, flow cytometry, elisa assay, codon, ribosome, signal transduction, gwas, phylogenetic",
    ],
    git: [
      "git, github, git cherry-pick, gitlab, repo, version control, git commit, commits, commit message, commit history, git push, git pull, git clone, pull request, merge request, feature branch, main branch, master branch, git branch, branching strategy, merge conflict, merge conflicts, rebase, rebasing, git stash, gitignore, git blame",
      "reflog, detached head, interactive rebase, submodule, submodules, git bisect, squash commits, squash merge, force push, force-with-lease, rerere, worktree, worktrees, sparse checkout, git lfs, three-way merge, merge base, octopus merge, git subtree, filter-repo, pre-commit hook, signed commits, linear history, fast-forward merge",
    ],
  } satisfies Record<string, [basic: string, advanced: string]>).map(([topic, [basic, advanced]]) => [
    topic,
    [...basic.split(", "), ...advanced.split(", ").map((term) => `^${term}`)],
  ]),
);

/** A candidate term must look like jargon: digits, caps, joiners, or a known technical suffix. */
const JARGON =
  /^(?=.{3,40}$)(?:[a-z]+[0-9][a-z0-9]*|[a-z0-9]+(?:[-_.][a-z0-9]+)+|[a-z]+(?:ization|isation|ability|ency|ism|ometry|ology|ware|ops|ql))$/;
const PROMOTE_COUNT = 3;
const PROMOTE_SHARE = 0.6;
const OWN_TOPIC_COUNT = 5;
const MAX_CANDIDATES = 5_000;

interface Candidate {
  total: number;
  byTopic: Record<string, number>;
}

export interface VocabularyJSON {
  version: 1;
  learned: [term: string, topic: string][];
  candidates: [term: string, total: number, byTopic: Record<string, number>][];
}

/** Splits text into lowercase word tokens, keeping in-word joiners (kv-cache, llama.cpp, ci/cd). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:[-_./+#][a-z0-9]+)*/g) ?? [];
}

export class Vocabulary {
  readonly #terms = new Map<string, string>();
  readonly #learned = new Map<string, string>();
  readonly #advanced = new Set<string>();
  readonly #candidates = new Map<string, Candidate>();
  /** First words of multi-word terms: only these start an n-gram lookup (keeps matching allocation-free). */
  readonly #prefixes = new Set<string>();
  #maxWords = 1;

  /** Seed terms written with a leading `^` are advanced (expert-tier) vocabulary. */
  constructor(seed: Record<string, string[]> = SEED) {
    for (const [topic, terms] of Object.entries(seed)) {
      for (const raw of terms) {
        const advanced = raw.startsWith("^");
        const term = advanced ? raw.slice(1) : raw;
        this.#add(term, topic);
        if (advanced) this.#advanced.add(tokenize(term).join(" "));
      }
    }
  }

  #add(term: string, topic: string) {
    const key = tokenize(term).join(" ");
    if (!key) return;
    this.#terms.set(key, topic);
    const words = key.split(" ");
    if (words.length > 1) this.#prefixes.add(words[0] as string);
    this.#maxWords = Math.max(this.#maxWords, words.length);
  }

  get size(): number {
    return this.#terms.size;
  }

  /** Whether a term marks expert-level use of its topic (advanced tier of the lexicon). */
  isAdvanced(term: string): boolean {
    return this.#advanced.has(tokenize(term).join(" "));
  }

  topicOf(term: string): string | undefined {
    return this.#terms.get(tokenize(term).join(" "));
  }

  /** Every topic mentioned in `tokens`, with the terms that showed it (longest match first). */
  match(tokens: readonly string[]): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const note = (topic: string, key: string) => {
      const list = found.get(topic);
      if (!list) found.set(topic, [key]);
      else if (!list.includes(key)) list.push(key);
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      let matched = 0;
      if (this.#prefixes.has(token)) {
        for (let n = Math.min(this.#maxWords, tokens.length - i); n >= 2 && matched === 0; n--) {
          const key = tokens.slice(i, i + n).join(" ");
          const topic = this.#terms.get(key);
          if (topic) {
            note(topic, key);
            matched = n;
          }
        }
      }
      if (matched === 0) {
        const topic = this.#terms.get(token);
        if (topic) note(topic, token);
      } else {
        i += matched - 1;
      }
    }
    return found;
  }

  /**
   * Learns from a person's own words: unknown jargon-like tokens are counted against the topics
   * matched in the same message; enough consistent co-occurrence promotes them. Returns new terms.
   */
  learn(tokens: readonly string[], topics: Iterable<string>): string[] {
    const topicList = [...topics];
    const promoted: string[] = [];
    for (const token of new Set(tokens)) {
      if (this.#terms.has(token) || !JARGON.test(token)) continue;
      let c = this.#candidates.get(token);
      if (!c) {
        if (this.#candidates.size >= MAX_CANDIDATES) continue;
        c = { total: 0, byTopic: {} };
        this.#candidates.set(detach(token), c);
      }
      c.total += 1;
      for (const t of topicList) c.byTopic[t] = (c.byTopic[t] ?? 0) + 1;
      const [bestTopic, bestCount] = Object.entries(c.byTopic).reduce<[string, number]>(
        (best, cur) => (cur[1] > best[1] ? cur : best),
        ["", 0],
      );
      const topic =
        bestCount >= PROMOTE_COUNT && bestCount / c.total >= PROMOTE_SHARE
          ? bestTopic
          : c.total >= OWN_TOPIC_COUNT && bestCount === 0
            ? token
            : undefined;
      if (topic) {
        const term = detach(token);
        this.#add(term, topic);
        this.#learned.set(term, topic);
        this.#candidates.delete(token);
        promoted.push(token);
      }
    }
    return promoted;
  }

  toJSON(): VocabularyJSON {
    return {
      version: 1,
      learned: [...this.#learned],
      candidates: [...this.#candidates].map(([term, c]) => [term, c.total, c.byTopic]),
    };
  }

  /** Restores learned terms on top of the seed lexicon. */
  static fromJSON(json: VocabularyJSON): Vocabulary {
    const vocabulary = new Vocabulary();
    for (const [term, topic] of json.learned) {
      vocabulary.#add(term, topic);
      vocabulary.#learned.set(term, topic);
    }
    for (const [term, total, byTopic] of json.candidates) vocabulary.#candidates.set(term, { total, byTopic });
    return vocabulary;
  }
}

/** The process-wide vocabulary minds use unless given another. */
export const sharedVocabulary = new Vocabulary();
