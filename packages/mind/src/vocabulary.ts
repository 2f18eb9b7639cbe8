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
 * - each term belongs to exactly one topic (the constructor keeps only the last topic of a duplicate);
 * - hyphens and spaces are interchangeable: "cross-validation" also matches "cross validation" and
 *   "write ahead log" also matches "write-ahead log", so write each term once, in either spelling. A
 *   hyphenated term whose words written apart are everyday English ("at least once", "front end") goes in
 *   HYPHEN_ONLY below and matches only as written.
 * Kept: a few short tech words that rarely mean anything else ("index", "schema", "pod", "container", "repo").
 */
export const SEED: Record<string, string[]> = Object.fromEntries(
  Object.entries({
    databases: [
      "sql, postgres, postgresql, mysql, mariadb, sqlite, mongodb, redis, dynamodb, database schema, schema, index, indexes, primary key, foreign key, inner join, left join, outer join, sql join, group by, orm, nosql, stored procedure, database migration, schema migration, read replica, connection pool, upsert, acid transactions, prisma, sqlalchemy, neo4j, cypher, psql, mongo, elasticsearch, clickhouse, supabase, cockroachdb, sql server, mssql, t-sql, sql query, sql queries, unique constraint, database transaction, database normalization, typeorm, sequelize, activerecord, pg_dump, slow query, slow queries, slow query log, jsonb, full-text search, prepared statements, oltp, connection pooling, apache cassandra, cassandra cluster",
      "mvcc, query planner, query plan, explain analyze, isolation level, serializable isolation, phantom read, write-ahead log, wal, b-tree, lsm tree, covering index, partial index, composite index, gin index, vacuum full, autovacuum, index bloat, materialized view, window function, cte, n+1 query, logical replication, pgbouncer, denormalization, cardinality estimate, hot standby, seq scan, sequential scan, index scan, index-only scan, hash join, nested loop join, row-level locking, row-level security, advisory lock, select for update, read committed, repeatable read, snapshot isolation, write skew, dirty read, optimistic locking, pessimistic locking, pg_stat_statements, point-in-time recovery, table partitioning, clustered index, dead tuples, transaction id wraparound, online schema change, third normal form",
    ],
    infrastructure: [
      "kubernetes, k8s, kubectl, docker, dockerfile, docker compose, container, containers, containerized, container image, container registry, pod, pods, helm, helm chart, terraform, ansible, pulumi, infrastructure as code, iac, load balancer, nginx, reverse proxy, autoscaling, ingress, virtual machine, node pool, docker image, docker images, docker container, kubernetes cluster, k8s cluster, kubernetes namespace, kubectl apply, minikube, k3s, configmap, configmaps, persistent volume, persistent volume claim, replicaset, terraform plan, terraform apply, terraform module, ansible playbook, haproxy, traefik, systemd, hypervisor, podman, containerd, openshift, oomkilled, container orchestration, kubernetes manifests, bare metal servers",
      "pod disruption budget, taints and tolerations, envoy proxy, statefulset, daemonset, sidecar container, service mesh, istio, kubernetes operator, custom resource definition, crd, tolerations, node affinity, horizontal pod autoscaler, hpa, control plane, kubelet, etcd, readiness probe, liveness probe, cgroups, terraform state, drift detection, immutable infrastructure, crashloopbackoff, network policy, network policies, admission controller, admission webhook, init container, init containers, pod eviction, kubectl drain, kube-proxy, cni plugin, cluster autoscaler, karpenter, vertical pod autoscaler, kustomize, terraform remote state, terraform import, crossplane, multi-stage build, multi-stage builds, distroless, docker layer caching, pod anti-affinity, topology spread constraints, resource quotas",
    ],
    cloud: [
      "aws, gcp, google cloud, azure, ec2, s3, s3 bucket, aws lambda, serverless, cloud functions, cloud run, iam permissions, vpc, availability zone, rds, cloudformation, aws cdk, eks, gke, aks, ecs, fargate, heroku, vercel, netlify, cloudflare, digitalocean, object storage, amazon web services, aws console, aws cli, aws sdk, s3 buckets, lambda function, lambda functions, iam user, security group, security groups, ec2 instance, ec2 instances, cloudfront, route 53, route53, sqs, sns topic, api gateway, elastic beanstalk, azure functions, app engine, google cloud storage, elasticache, aws secrets manager, parameter store, aws kms, instance type, firebase, edge functions, cloud-native, ecr",
      "iam policy, iam role, assume role, spot instances, reserved instances, savings plans, egress costs, egress fees, vpc peering, transit gateway, privatelink, nat gateway, cold start, multi-region, landing zone, service control policy, shared responsibility model, finops, well-architected, cross-account, vpc endpoint, vpc endpoints, permissions boundary, instance profile, aws sts, cross-region replication, s3 lifecycle policy, provisioned concurrency, reserved concurrency, spot interruption, graviton, cost allocation tags, aws organizations, aws control tower, eventbridge, aws step functions, kinesis, workload identity, workload identity federation, iam trust policy, resource-based policy, presigned url, presigned urls, multi-az",
    ],
    devops: [
      "devops, ci/cd, ci pipeline, build pipeline, deployment pipeline, continuous integration, continuous deployment, continuous delivery, github actions, gitlab ci, jenkins, circleci, buildkite, staging environment, feature flag, feature flags, semver, semantic versioning, cron job, crontab, build artifacts, release pipeline, ci/cd pipeline, ci build, ci job, ci jobs, ci runner, github workflow, github workflows, gitlab runner, rolling deployment, rolling update, zero-downtime deployment, deployment rollback, deploy script, hotfix, hotfixes, nightly build, nightly builds, travis ci, teamcity, azure pipelines, azure devops, docker build, build step, build steps, makefile, release candidate, changelog",
      "blue-green deployment, blue/green, canary deployment, canary release, gitops, argocd, trunk-based development, progressive delivery, dora metrics, deployment frequency, change failure rate, hermetic builds, reproducible builds, bazel, build cache, matrix build, self-hosted runners, release train, artifact promotion, argo rollouts, fluxcd, flux cd, dark launch, ring deployment, shadow traffic, automated rollback, lead time for changes, merge queue, merge queues, remote build execution, remote cache, pipeline as code, ephemeral environments, preview environments, platform engineering, internal developer platform, semantic-release, conventional commits, environment promotion, feature toggles, mean time to restore",
    ],
    observability: [
      "observability, monitoring stack, grafana, prometheus, datadog, new relic, sentry, opentelemetry, otel, pagerduty, on-call rotation, alerting, uptime, log aggregation, structured logging, log levels, distributed tracing, kibana, elk stack, splunk, cloudwatch, jaeger, sla, slas, grafana dashboard, grafana dashboards, log management, log retention, apm, application performance monitoring, alertmanager, alert rules, alerting rules, uptime monitoring, healthcheck, health check endpoint, incident postmortem, grafana loki, fluentd, fluent bit, logstash, zipkin, dynatrace, statsd, trace id, request tracing, error tracking, on-call engineer, site reliability engineering, sre, structured logs, sev1, sev2",
      "slo, slos, sli, slis, error budget, burn-rate alert, burn rate alert, burn rate alerts, high cardinality, golden signals, promql, trace propagation, trace context, tail sampling, head sampling, mttr, blameless postmortem, synthetic monitoring, runbook, runbooks, alert fatigue, red method, cardinality explosion, histogram buckets, recording rules, span attributes, w3c trace context, otlp, otel collector, opentelemetry collector, ebpf, continuous profiling, mttd, mtbf, error budget policy, multi-window burn rate, alert routing, symptom-based alerting, incident commander, chaos engineering, log sampling, trace sampling, metric cardinality, blackbox monitoring, prometheus exemplars",
    ],
    performance: [
      "latency, latency budget, cpu profiling, p99, p95, p50, throughput, profiler, cpu profile, memory profiling, load testing, load test, cache hit, cache hit rate, hot path, cpu usage, memory usage, memory footprint, cpu spike, cpu spikes, cpu utilization, caching layer, cache eviction, lru cache, cache invalidation, requests per second, qps, queries per second, performance regression, perf regression, p999, p90, latency spikes, gc pause, gc pauses, heap size, heap dump, heap snapshot, memory allocation, memory allocations, k6, jmeter, benchmark suite, performance profiling, cold cache, warm cache, page faults",
      "flame graph, flamegraph, tail latency, cache miss, cache misses, cpu-bound, memory-bound, io-bound, coordinated omission, simd, branch prediction, cache line, cache locality, data locality, heap allocation, amdahl's law, little's law, zero-copy, jit compilation, inlining, escape analysis, microbenchmark, perf stat, perf record, cache hierarchy, l1 cache, l2 cache, l3 cache, tlb misses, instructions per cycle, numa, vectorization, auto-vectorization, avx2, avx-512, loop unrolling, branch misprediction, branchless, prefetching, memory bandwidth, arena allocator, bump allocator, object pooling, allocation rate, gc pressure, stop-the-world, mechanical sympathy, queueing theory, universal scalability law, off-cpu analysis, valgrind, cachegrind, vtune, hardware counters, profile-guided optimization, pgo, link-time optimization, lto, hdrhistogram, cache stampede, jmh",
    ],
    "distributed-systems": [
      "distributed systems, distributed system, microservices, microservice, message queue, message broker, kafka, rabbitmq, pub/sub, event-driven, sharding, idempotent, idempotency, eventual consistency, cap theorem, circuit breaker, rate limiting, rate limiter, retry with backoff, exponential backoff, kafka topic, kafka topics, kafka consumer, kafka producer, consumer group, consumer groups, partition key, message queues, nats, zeromq, grpc, protobuf, protocol buffers, service discovery, dead letter queue, dead-letter queue, dlq, distributed cache, distributed lock, distributed locks, distributed transactions, strong consistency, horizontal scaling, vertical scaling, event bus, event streaming, task queue, job queue, background jobs, sidekiq, celery workers, apache zookeeper, hashicorp consul, at-most-once",
      "consensus algorithm, consensus protocol, raft, paxos, linearizability, linearizable, partition tolerance, network partition, quorum reads, quorum writes, read quorum, write quorum, majority quorum, replication lag, replication factor, leader election, vector clock, lamport clock, hybrid logical clock, crdt, crdts, exactly-once, at-least-once, backpressure, load shedding, split brain, gossip protocol, byzantine fault tolerance, consistent hashing, event sourcing, saga pattern, outbox pattern, two-phase commit, 2pc, fencing token, causal consistency, read-your-writes, monotonic reads, sequential consistency, serializability, strict serializability, vector clocks, hinted handoff, anti-entropy, merkle tree, merkle trees, sloppy quorum, read repair, chain replication, state machine replication, log compaction, idempotent consumer, transactional outbox, dual writes, compensating transaction, poison message, hedged requests, bulkhead pattern, jepsen, clock skew, fencing tokens, failure detector, multi-paxos, thundering herd, retry budget, flp impossibility, pacelc",
    ],
    concurrency: [
      "concurrency, multithreading, multithreaded, threading, main thread, background thread, os threads, race condition, deadlock, mutex, semaphore, thread pool, thread safety, thread-safe, event loop, async, async/await, coroutine, coroutines, goroutine, goroutines, worker threads, critical section, multiprocessing, parallel processing, mutexes, race conditions, deadlocks, thread starvation, shared state, shared memory, synchronized block, atomic counter, thread-local, thread-local storage, blocking call, blocking i/o, non-blocking, non-blocking i/o, concurrent access, executorservice, async functions, async runtime, concurrent programming, parallel programming, data races, mutex lock, lock guard, openmp",
      "lock-free, wait-free, atomics, atomic operations, compare-and-swap, memory model, memory ordering, memory barrier, happens-before, livelock, lock contention, priority inversion, aba problem, false sharing, work stealing, structured concurrency, green threads, actor model, read-write lock, rwlock, spinlock, condition variable, data race, reentrant, acquire-release semantics, release semantics, relaxed atomics, relaxed ordering, sequentially consistent, memory fence, memory fences, seqlock, rcu, read-copy-update, hazard pointers, epoch-based reclamation, lock-free queue, lock-free data structures, mpsc, mpmc, spsc, ticket lock, futex, fork-join, fork/join, cooperative multitasking, preemptive multitasking, cancellation token, software transactional memory, lock ordering, double-checked locking, thread sanitizer, tsan, virtual threads, project loom, context switch overhead",
    ],
    programming: [
      "compiler, compile error, syntax error, runtime error, stack trace, null pointer, segfault, memory leak, garbage collection, garbage collector, refactor, refactoring, type inference, static typing, exception handling, try/catch, debugger, breakpoint, api, apis, rest api, api endpoint, endpoint, json, yaml, sdk, webhook, webhooks, regex, regular expression, environment variable, env var, cli, command line, shell script, bash script, linux, localhost, object-oriented, oop, package manager, java, golang, ruby on rails, php, kotlin, scala, haskell, cpp, codebase, code review, code reviews, ide, vscode, vs code, intellij, neovim, emacs, linter, linters, linting, code formatter, nullpointerexception, off-by-one error, for loop, while loop, if statement, function signature, method signature, polymorphism, encapsulation, generic types, type system, type safety, type-safe, static analysis, dynamic typing, strongly typed, weakly typed, software design patterns, singleton pattern, factory pattern, technical debt, tech debt, legacy code, spaghetti code, code smell, code smells, csharp, dotnet, asp.net, erlang, clojure, ocaml, lua, perl, webassembly, wasm, graphql, openapi, swagger docs, crud app, crud operations, backend, back-end, fullstack, cmake, gcc, clang compiler, llvm, linker error, header file, header files, pointer arithmetic, dangling pointer, call stack, stack frame, unicode, utf-8, serialization, deserialization, lambda expression, lambda expressions, anonymous function, callback function, enum, enums, struct, structs, bashrc, chmod, sudo, grep, stdout, stderr, stdin, dotfiles, apt-get, wsl, ubuntu, debian, unix, posix, jvm, bytecode, transpiler, repl, mvc, spring boot, laravel, xml, toml",
      "higher-order functions, monad, monads, algebraic data types, sum types, pattern matching, dependency injection, inversion of control, currying, immutability, pure functions, referential transparency, duck typing, structural typing, type erasure, metaprogramming, abstract syntax tree, undefined behavior, liskov substitution, solid principles, dynamic dispatch, vtable, smart pointers, contravariance, tail call optimization, higher-kinded types, type classes, typeclasses, functor, functors, effect system, algebraic effects, continuation-passing style, hygienic macros, name mangling, abi compatibility, calling convention, static linking, dynamic linking, raii, move semantics, rvalue references, copy elision, sfinae, template metaprogramming, constexpr, dependent types, gradual typing, nominal typing, parametric polymorphism, law of demeter, hexagonal architecture, ports and adapters, clean architecture, domain-driven design, bounded context, aggregate root, cqrs, open-closed principle, single responsibility principle, dependency inversion, composition over inheritance, cyclomatic complexity, memory safety, null safety, option type, lazy evaluation, reference counting, mark and sweep, generational gc, string interning, copy-on-write, tail recursion",
    ],
    python: [
      "python, python3, flask app, pip, pip3, virtualenv, venv, conda, pandas, numpy, scipy, matplotlib, jupyter, jupyter notebook, ipython, django, fastapi, requirements.txt, pyproject.toml, list comprehension, type hints, python decorator, pip install, pipenv, pyenv, flask api, django orm, django rest framework, streamlit, beautifulsoup, dataframe, dataframes, pandas dataframe, numpy array, numpy arrays, seaborn, plotly, site-packages, f-string, f-strings, traceback, indentationerror, keyerror, typeerror, attributeerror, importerror, modulenotfounderror, pypi, python package, python packaging, setup.py, flake8, pylint, pyright, jupyterlab, google colab, colab, dict comprehension, kwargs, pythonic, python script, python scripts, python2",
      "global interpreter lock, free-threaded python, asyncio, generator expression, metaclass, metaclasses, descriptor protocol, dunder methods, method resolution order, mro, cpython, pypy, cython, context manager, pep 8, pep8, mypy, pydantic, walrus operator, manylinux, python generators, yield from, async generators, dataclass, dataclasses, namedtuple, typeddict, abstract base classes, import hooks, monkeypatch, monkey patching, functools, itertools, lru_cache, contextvars, uvloop, gunicorn, uvicorn, wsgi, asgi, pep 484, pep 703, nogil, c extension, c extensions, ctypes, cffi, pybind11, numba, numpy broadcasting, setuptools, keyword-only arguments, weakref, sys.path, python gil, gil contention",
    ],
    javascript: [
      "javascript, typescript, js, node.js, nodejs, npm, pnpm, deno, express.js, expressjs, nestjs, package.json, node_modules, tsconfig, tsconfig.json, eslint, es6, arrow function, arrow functions, console.log, promise chain, callback hell, yarn install, yarn workspaces, npm install, npm package, npm packages, npm scripts, nvm, express server, express app, nodemon, babel config, ts-node, type annotations, json.parse, json.stringify, async function, promise.all, fetch api, axios, lodash, npx, ecmascript, template literals, destructuring, spread operator, optional chaining, nullish coalescing, settimeout, setinterval, use strict, tsc, vanilla js, vanilla javascript, typescript generics",
      "microtask, microtask queue, hoisting, temporal dead zone, prototype chain, prototypal inheritance, commonjs, esm, es modules, module resolution, type narrowing, type guard, discriminated union, conditional types, mapped types, declaration merging, satisfies operator, libuv, worker_threads, macrotask, macrotasks, microtasks, v8 engine, v8 isolate, v8 isolates, hidden classes, inline caches, megamorphic, deoptimization, weakmap, infer keyword, template literal types, type predicates, assertion functions, branded types, excess property checks, nouncheckedindexedaccess, exactoptionalpropertytypes, module augmentation, ambient declarations, declaration files, d.ts, dual package hazard, import maps, top-level await, node streams, asynclocalstorage, cjs, conditional exports, package exports, moduleresolution, structuredclone, eventemitter",
    ],
    rust: [
      "rust, rustlang, rustc, rustup, cargo.toml, crates.io, clippy, borrow checker, tokio, serde, async rust, cargo build, cargo run, cargo test, cargo check, cargo clippy, cargo.lock, cargo workspace, rust crate, rust crates, rust lifetimes, rust-analyzer, actix, actix-web, axum, wasm-pack, tauri, rustfmt, rust traits, trait bounds, impl trait, mutable reference, mutable borrow, immutable borrow, thiserror, crossbeam, derive macro, derive macros, rust ownership, rust edition",
      "lifetime annotations, lifetime elision, trait objects, dyn trait, monomorphization, zero-cost abstractions, unsafe rust, interior mutability, refcell, proc macro, proc macros, procedural macros, associated types, higher-ranked trait bounds, non-lexical lifetimes, orphan rule, miri, phantomdata, pin and unpin, self-referential structs, send/sync, drop check, rust ffi, bindgen, no_std, const generics, generic associated types, auto traits, object safety, dyn-compatible, stacked borrows, unsafecell, maybeuninit, declarative macros, macro_rules, async trait, async traits, tokio runtime, pin projection, borrowck, reborrowing, two-phase borrows, rust nightly",
    ],
    algorithms: [
      "big-o, big o, time complexity, space complexity, binary search, recursion, recursive function, hash map, hashmap, hash table, linked list, binary tree, binary search tree, sorting algorithm, quicksort, merge sort, bubble sort, bfs, dfs, breadth-first search, depth-first search, data structures, graph traversal, dijkstra, priority queue, leetcode, sorting algorithms, hash function, hash collision, hash collisions, two-pointer technique, sliding window technique, binary heap, heap sort, heapsort, insertion sort, selection sort, graph algorithms, shortest path algorithm, adjacency list, adjacency matrix, o(n), o(1), o(log n), o(n log n), o(n^2), n log n, tree traversal, inorder traversal, hackerrank, coding interview, coding interviews, big-o notation, knapsack problem, traveling salesman problem, floyd-warshall, bellman-ford, kruskal's algorithm, prim's algorithm, directed acyclic graph, cycle detection, connected components, edit distance, levenshtein distance, longest common subsequence, recurrence relation",
      "dynamic programming, memoization, amortized complexity, amortized time, backtracking algorithm, np-hard, np-complete, greedy algorithm, topological sort, union-find, disjoint set, trie, segment tree, fenwick tree, red-black tree, avl tree, bloom filter, skip list, minimum spanning tree, master theorem, min-heap, max-heap, strongly connected components, tarjan's algorithm, knuth-morris-pratt, kmp algorithm, rabin-karp, suffix array, suffix tree, monotonic stack, sweep line, bit manipulation, bitmask dp, interval tree, polynomial time, p vs np, approximation algorithm, randomized algorithm, amortized analysis, loop invariant, lowest common ancestor, max-flow min-cut, bipartite matching, reservoir sampling, count-min sketch, hyperloglog, cuckoo hashing, linear probing",
    ],
    security: [
      "xss, csrf, sql injection, oauth, oauth2, jwt, tls, ssl, ssl certificate, password hashing, encryption at rest, public key cryptography, asymmetric encryption, symmetric encryption, aes, rsa, rbac, least privilege, owasp, cors, cve, penetration test, penetration testing, pentest, secrets management, incident response, security audit, authn, authz, access token, access tokens, refresh token, refresh tokens, bearer token, cross-site scripting, cross-site request forgery, certificate authority, vulnerability scan, vulnerability scanning, vulnerability scanner, dependency scanning, snyk, sast, dast, waf, web application firewall, brute-force attack, session hijacking, clickjacking, csrf token, security headers, hsts, input validation, input sanitization, parameterized queries, cves, cvss, infosec, appsec, devsecops, siem, edr, intrusion detection, bug bounty, burp suite, metasploit, nmap, hashicorp vault, openssl, x.509, tls certificate, jwts, okta, auth0, keycloak, identity provider, buffer overflow",
      "threat model, threat modeling, attack surface, ssrf, rce, remote code execution, privilege escalation, lateral movement, supply chain attack, zero trust, mtls, hsm, key rotation, side-channel, timing attack, content security policy, same-origin policy, bcrypt, argon2, pkce, saml, oidc, sbom, defense in depth, cwe, insecure deserialization, idor, prompt injection, jwks, ciphertext, cryptographic nonce, initialization vector, aead, aes-gcm, chacha20, ecdsa, ed25519, elliptic curve cryptography, diffie-hellman, perfect forward secrecy, forward secrecy, key derivation function, pbkdf2, scrypt, hmac, constant-time comparison, padding oracle, replay attack, man-in-the-middle, mitm, xxe, path traversal, directory traversal, open redirect, samesite cookies, subresource integrity, sandbox escape, container escape, seccomp, apparmor, selinux, trust boundary, slsa, sigstore, software supply chain, dependency confusion, typosquatting, post-quantum cryptography, zero-knowledge proof, remote attestation, kerberos, pass-the-hash, return-oriented programming, aslr, stack canaries, use-after-free, red teaming, indirect prompt injection, certificate pinning, envelope encryption",
    ],
    networking: [
      "tcp, udp, dns, http request, http headers, http status code, ip address, http/2, websocket, websockets, packet loss, subnet, subnets, port forwarding, ipv4, ipv6, cdn, traceroute, dhcp, ssh, osi model, tcp/ip, proxy server, firewall rules, dns record, dns records, http, dns lookup, dns resolution, dns server, nameserver, nameservers, cname, cname record, mx record, txt record, dns ttl, port 80, port 443, open ports, network address translation, default gateway, routing table, subnet mask, netmask, tcp connection, tcp connections, udp packets, network packets, packet capture, pcap, wireshark, tcpdump, curl request, netstat, nslookup, ssh tunnel, ssh key, ssh keys, sftp, smtp, imap, http/1.1, forward proxy, tcp socket, unix socket, network latency, http status codes",
      "tls handshake, tcp handshake, three-way handshake, mtu, bgp, anycast, cidr, congestion control, nagle's algorithm, head-of-line blocking, quic, http/3, vlan, bufferbloat, syn flood, window scaling, ospf, rtt, round-trip time, nat traversal, keepalive, tcp slow start, congestion window, bbr, tcp_nodelay, syn cookies, time_wait, ephemeral ports, port exhaustion, conntrack, iptables, nftables, xdp, dpdk, kernel bypass, ecmp, bgp peering, mpls, vxlan, overlay network, ipsec, wireguard, tls termination, ssl termination, sni, alpn, ocsp stapling, certificate chain, 0-rtt, path mtu discovery, ip fragmentation, tcp retransmission, tcp retransmissions, ecn, dscp, qos, multicast, arp, arp spoofing, dual-stack, happy eyeballs, dnssec, dns over https, autonomous system, layer 4 load balancing, layer 7 load balancing",
    ],
    frontend: [
      "frontend, front-end, reactjs, react.js, react component, react components, react hooks, react app, usestate, useeffect, next.js, nextjs, vue, vue.js, svelte, angularjs, css, html, flexbox, css grid, tailwind, jsx, vite, webpack, redux, state management, responsive design, media query, media queries, sass, single-page app, devtools, dom manipulation, react router, react query, tanstack query, nuxt, sveltekit, jquery, material ui, chakra ui, shadcn, styled components, styled-components, css modules, css-in-js, scss, postcss, tsx, react props, component library, mobile-first, css breakpoints, dom events, dom nodes, dom tree, event listener, event listeners, onclick, form validation, html5, css3, css variables, css custom properties, single-page application, browser devtools, chrome devtools, lighthouse score, web vitals, lcp, ttfb, zustand, mobx, pinia, vuex, usecontext, usereducer, useref, custom hooks, custom hook, react context, context api, rerender, re-render, re-renders, rerenders, localstorage, sessionstorage, client-side routing, client-side rendering, static site generator, jamstack, app router, pages router, webpack config, bundler, esbuild, turbopack, polyfill, polyfills, cross-browser, browser compatibility, svg, web components, css animations, css transitions, framer motion, three.js, threejs, webgl, lazy loading, hmr, hot module replacement",
      "hydration mismatch, hydration error, partial hydration, ssr, server-side rendering, server components, virtual dom, shadow dom, code splitting, tree shaking, bundle size, core web vitals, cumulative layout shift, largest contentful paint, critical rendering path, reflow, layout thrashing, usememo, usecallback, stale closure, prop drilling, css specificity, stacking context, islands architecture, service worker, react reconciliation, react fiber, concurrent rendering, suspense boundary, suspense boundaries, react suspense, usetransition, usedeferredvalue, server actions, react server components, rsc, streaming ssr, selective hydration, resumability, fine-grained reactivity, uselayouteffect, forwardref, controlled components, uncontrolled components, render props, higher-order components, bfcache, compositor thread, will-change, css containment, content-visibility, intersection observer, requestanimationframe, long tasks, interaction to next paint, inp, first contentful paint, time to interactive, module federation, micro-frontends, microfrontends, cascade layers, container queries, critical css, incremental static regeneration, layout shift",
    ],
    accessibility: [
      "accessibility, a11y, screen reader, screen readers, alt text, color contrast, contrast ratio, keyboard navigation, wcag, aria-label, aria labels, aria attributes, nvda, focus state, tab order, ada compliance, aria roles, aria role, alt attribute, alt tags, alt tag, focus outline, focus ring, focus indicator, focus styles, keyboard accessible, keyboard accessibility, keyboard users, accessible forms, form labels, semantic markup, heading structure, heading hierarchy, accessibility audit, a11y audit, axe devtools, axe-core, wcag 2.1, wcag 2.2, section 508, assistive technology, assistive technologies, inclusive design, screen magnifier, accessibility testing, wai-aria",
      "aria-live, live region, focus trap, focus management, roving tabindex, tabindex, accessible name, accessibility tree, wcag aa, success criterion, skip link, prefers-reduced-motion, reduced motion, landmark roles, semantic html, vpat, aria-describedby, aria-labelledby, aria-expanded, aria-hidden, aria-controls, aria-modal, aria-current, aria-invalid, accessible name computation, landmark regions, focus order, focus-visible, inert attribute, wcag aaa, touch target size, non-text contrast, forced colors mode, forced-colors, high contrast mode, screen reader testing, voiceover rotor, focus restoration, cognitive accessibility, accessibility statement, aria authoring practices, combobox, aria-activedescendant, sr-only, en 301 549",
    ],
    mobile: [
      "ios app, android app, ios development, android development, android sdk, swiftui, android emulator, ios simulator, app store connect, google play console, apns, kotlin multiplatform, jetpack compose, react native, flutter, xcode, android studio, testflight, gradle, cocoapods, objective-c, android manifest, androidmanifest.xml, apk, aab, android app bundle, expo go, expo router, eas build, flutter widgets, fastlane, crashlytics, firebase cloud messaging, fcm, app store submission, xcode project, interface builder, uiviewcontroller, view controller, view controllers, recyclerview, activity lifecycle, android fragments, room database, sharedpreferences, userdefaults, mobile app development, native app, hybrid app, deep link, codepush, hot reload, swift package manager, swiftpm, ios sdk",
      "provisioning profile, code signing, deep linking, deep links, universal links, app lifecycle, background fetch, uikit, core data, proguard, anr, app thinning, hermes engine, turbomodules, viewmodel, livedata, app store review, push notification service, mainactor, combine framework, swift concurrency, async let, sendable, kotlin coroutines, kotlin flow, stateflow, viewmodelscope, dagger hilt, jetpack navigation, workmanager, r8, baseline profiles, app startup time, main thread jank, app clips, widgetkit, bgtaskscheduler, doze mode, ios entitlements, provisioning profiles, android keystore, ios keychain, app transport security, dsym, dsyms, symbolication, method swizzling, xcode instruments, fabric renderer, jsi, turbo modules, platform channels, method channel, method channels",
    ],
    testing: [
      "unit test, mock objects, selenium webdriver, playwright tests, unit tests, unit testing, integration test, integration tests, end-to-end test, end-to-end tests, e2e, test coverage, code coverage, jest, vitest, pytest, junit, cypress, test suite, test case, test cases, tdd, regression test, regression tests, flaky test, flaky tests, test runner, test runners, assertion library, rspec, minitest, phpunit, xunit, nunit, testng, react testing library, testing library, playwright test, e2e tests, e2e testing, test automation, automated tests, automated testing, qa engineer, manual testing, smoke test, smoke tests, acceptance test, acceptance tests, failing test, failing tests, test failures, testing framework, test framework, coverage report, unittest, test stubs, mocking library, test harness, beforeeach, test-driven development, exploratory testing, test fixture, snapshot tests, integration testing",
      "property-based testing, mutation testing, fuzzing, fuzz testing, contract testing, snapshot testing, test double, test doubles, test pyramid, golden files, hermetic tests, test isolation, test fixtures, characterization tests, approval tests, bdd, gherkin, quickcheck, mutation score, test oracle, metamorphic testing, differential testing, fault injection, test flakiness, test sharding, test parallelization, test impact analysis, branch coverage, mc/dc, line coverage, statement coverage, consumer-driven contracts, pact testing, testcontainers, wiremock, visual regression testing, screenshot tests, golden tests, given-when-then, arrange-act-assert, test smells, behavior-driven development, boundary value analysis, equivalence partitioning, pairwise testing, model-based testing, formal verification, model checking, pytest fixtures, pytest parametrize",
    ],
    "data-engineering": [
      "etl, elt, apache airflow, airflow dag, dbt models, dbt project, parquet files, data pipeline, data pipelines, data warehouse, data lake, lakehouse, bigquery, redshift, databricks, apache spark, pyspark, batch processing, stream processing, star schema, fivetran, dagster, data engineering, dbt run, airflow dags, spark job, spark jobs, spark cluster, spark sql, avro schema, data ingestion, ingestion pipeline, batch jobs, batch job, streaming pipeline, data modeling, dimensional modeling, fact table, fact tables, dimension table, dimension tables, snowflake schema, data mart, data marts, data catalog, data quality checks, great expectations, modern data stack, reverse etl, airbyte, power bi, metabase, tableau, looker studio, lookml, olap, duckdb, trino, aws athena, hadoop, hdfs, mapreduce, aws glue, incremental models, data backfill, backfill job, etl pipeline, elt pipeline, etl jobs",
      "change data capture, slowly changing dimension, partition pruning, predicate pushdown, columnar storage, data skew, late-arriving data, delta lake, apache iceberg, schema evolution, data contracts, medallion architecture, spark shuffle, z-ordering, flink, data lineage, event-time watermarks, windowed aggregations, tumbling window, tumbling windows, session windows, kafka streams, spark streaming, structured streaming, ksqldb, debezium, scd type 2, type 2 scd, surrogate key, surrogate keys, data vault, partition evolution, hidden partitioning, small files problem, broadcast join, shuffle partitions, spark executors, adaptive query execution, data mesh, openlineage, unity catalog, apache hudi, open table formats, merge-on-read, schema registry, idempotent pipelines, data observability, data freshness",
    ],
    "llm-inference": [
      "quantization, quantized, gguf, llama.cpp, vllm, ollama, lm studio, tokens per second, context window, context length, vram, gpu memory, inference server, local llm, int8, int4, fp16, top-p, top-k, batch inference, llm inference, inference speed, inference latency, tok/s, tokens/s, tokens/sec, a100, h100, h200, ggml, safetensors, open weights, open-weight models, open-weight model, quantize, quantizing, q4_k_m, q5_k_m, q8_0, 4-bit quantization, 8-bit quantization, mlx, exllama, exllamav2, koboldcpp, text-generation-webui, tgi, text generation inference, triton inference server, onnx, onnx runtime, bf16, bfloat16, fp8, fp32, sampling temperature, max tokens, max_tokens, cpu offloading, gpu layers, prompt processing, model weights, gpu inference, vram usage, inference engine",
      "kv cache, kv-cache, prefill, speculative decoding, flash attention, flashattention, paged attention, pagedattention, continuous batching, tensor parallelism, pipeline parallelism, time to first token, ttft, prefix caching, awq, gptq, exl2, tensorrt-llm, draft model, sglang, rope scaling, decode phase, kv cache quantization, kv cache eviction, arithmetic intensity, roofline model, prefill phase, chunked prefill, disaggregated prefill, lookahead decoding, speculative sampling, grouped-query attention, gqa, multi-query attention, mqa, multi-head latent attention, sliding window attention, attention sinks, inter-token latency, time per output token, tpot, goodput, expert parallelism, sequence parallelism, ring attention, nccl, nvlink, infiniband, cuda graphs, custom kernels, triton kernels, fused kernels, kernel fusion, marlin kernels, imatrix, k-quants, smoothquant, w4a16, w8a8, multi-lora serving, radixattention, beam search, repetition penalty, min-p, tensor cores",
    ],
    "fine-tuning": [
      "fine-tune, fine-tuning, fine-tuned, finetune, finetuning, lora, qlora, instruction tuning, sft, supervised fine-tuning, rlhf, base model, training run, unsloth, finetuned, fine-tuning dataset, instruction dataset, sft dataset, lora adapter, lora adapters, adapter weights, axolotl, trl, torchtune, llama-factory, lora merge, alpaca format, sharegpt format, chatml, synthetic dataset, reinforcement learning from human feedback, preference tuning, preference optimization, continued pretraining, continual pretraining, full fine-tune, full fine-tuning, parameter-efficient fine-tuning, instruction-tuned, instruct model, instruct models, fine-tuning job, fine-tuning jobs, eval loss",
      "peft, dpo, orpo, grpo, reward model, preference data, catastrophic forgetting, lora rank, lora alpha, target modules, gradient checkpointing, mixed precision, deepspeed, fsdp, sequence packing, chat template, loss masking, knowledge distillation, model merging, rejection sampling, rslora, lora dropout, adapter merging, ties merging, slerp merge, mergekit, ppo training, proximal policy optimization, kto, simpo, reward hacking, reward modeling, kl penalty, rlvr, verifiable rewards, rlaif, constitutional ai, neftune, completion-only loss, train on completions, gradient accumulation, zero stage 3, deepspeed zero, 8-bit adam, paged optimizers, model collapse, data contamination, layer freezing, prefix tuning, prompt tuning, preference pairs",
    ],
    "machine-learning": [
      "machine learning, deep learning, transformer architecture, transformer model, transformer models, word embeddings, embedding model, embedding vectors, neural network, neural networks, neural net, training set, test set, validation set, train/test split, overfitting, underfitting, gradient descent, learning rate, backprop, backpropagation, embeddings, epochs, batch size, loss function, pytorch, tensorflow, keras, scikit-learn, sklearn, hugging face, huggingface, random forest, xgboost, precision and recall, f1 score, confusion matrix, feature engineering, hyperparameters, hyperparameter tuning, tensor, tensors, ml model, ml models, ml pipeline, ml engineer, mlops, mlflow, wandb, tensorboard, cuda, pytorch lightning, cross-validation, k-fold cross-validation, holdout set, hold-out set, data leakage, target leakage, auc, roc curve, roc auc, roc-auc, pr curve, precision-recall curve, calibration, model calibration, calibration curve, class imbalance, imbalanced dataset, imbalanced data, oversampling, undersampling, smote, validation loss, val loss, training loss, early stopping, feature importance, gradient boosting, gradient boosted trees, lightgbm, catboost, batch norm, batchnorm, training loop, labeled data, supervised learning, unsupervised learning, reinforcement learning, classifier, binary classification, multi-class classification, k-means, knn, svm, decision tree, decision trees, naive bayes, principal component analysis, pca, dimensionality reduction, t-sne, umap, convolutional neural network, cnns, rnn, lstm, one-hot encoding, feature scaling, feature selection, train-test split, validation accuracy, mse, rmse, mean squared error, log loss, activation function, relu, sigmoid, mini-batch, sgd, overfit, overfits, transfer learning, pretrained model, pretrained models, pre-trained model, computer vision, nlp, object detection, anomaly detection, cosine similarity, tokenizer, kaggle, data augmentation",
      "self-attention, multi-head attention, dropout rate, dropout layer, attention mechanism, softmax, logits, cross-entropy, regularization, weight decay, batch normalization, layer norm, layernorm, vanishing gradients, exploding gradients, adamw, adam optimizer, learning rate schedule, warmup steps, bias-variance tradeoff, positional encoding, mixture of experts, scaling laws, contrastive learning, latent space, diffusion model, gradient clipping, label smoothing, layer normalization, rmsnorm, residual connections, skip connections, cosine annealing, lr schedule, lr scheduler, kl divergence, variational autoencoder, contrastive loss, triplet loss, focal loss, shap values, partial dependence plots, permutation importance, covariate shift, distribution shift, concept drift, data drift, label noise, target encoding, feature store, stratified k-fold, nested cross-validation, double descent, grokking, inductive bias, curse of dimensionality, vc dimension, kernel trick, gaussian processes, expected calibration error, brier score, isotonic regression, platt scaling, temperature scaling, xavier initialization, weight initialization, vanishing gradient, exploding gradient, distributed data parallel, attention heads, encoder-decoder, decoder-only, byte pair encoding, next-token prediction, masked language modeling, pretraining, self-supervised learning, mechanistic interpretability, adversarial examples, bayesian optimization, ablation study, train-serving skew, training-serving skew",
    ],
    "llm-apps": [
      "llm, llms, rag, rag pipeline, document chunking, chunking strategy, retrieval-augmented generation, vector database, vector db, vector store, embeddings api, semantic search, prompt engineering, system prompt, ai agent, ai agents, agentic, tool calling, function calling, langchain, llamaindex, structured output, structured outputs, json mode, few-shot, chain of thought, openai api, pgvector, pinecone, model context protocol, mcp server, openai sdk, anthropic api, llm api, llm calls, llm call, llm app, llm apps, llm application, agent framework, langgraph, crewai, autogen, vercel ai sdk, tool calls, tool call, mcp servers, mcp tools, vector search, similarity search, retrieval pipeline, chromadb, weaviate, qdrant, milvus, faiss, prompt template, prompt templates, system prompts, few-shot examples, few-shot prompting, zero-shot prompting, zero-shot, token limit, input tokens, output tokens, llm evaluation, openrouter, litellm, langsmith, langfuse, promptfoo, text splitter, agentic workflow, agentic workflows, knowledge graph, rag system",
      "reranker, reranking, llm guardrails, hybrid search, bm25, chunk overlap, evals, eval harness, llm-as-judge, llm-as-a-judge, agent loop, context engineering, prompt caching, semantic caching, query rewriting, maximal marginal relevance, constrained decoding, dspy, multi-agent, hypothetical document embeddings, late interaction, cross-encoder, cross-encoders, bi-encoder, reciprocal rank fusion, mean reciprocal rank, ndcg, contextual retrieval, parent document retriever, metadata filtering, query decomposition, query expansion, self-consistency, tree of thoughts, parallel tool calls, subagents, sub-agents, context window management, context compaction, context rot, prompt compression, llm routing, logprobs, pairwise evaluation, golden dataset, groundedness, semantic chunking, agentic rag, graphrag, prompt chaining, grammar-constrained decoding, trajectory evals, needle in a haystack",
    ],
    statistics: [
      "p-value, p-values, confidence interval, standard deviation, variance, linear regression, logistic regression, regression analysis, correlation coefficient, statistical significance, statistically significant, sample size, hypothesis test, hypothesis testing, null hypothesis, a/b test, a/b testing, normal distribution, t-test, chi-square, anova, r-squared, bayesian, margin of error, spss, regression to the mean, peeking problem, outliers, outlier detection, median, selection bias, survivorship bias, simpson's paradox, simpsons paradox, sampling bias, standard error, std dev, z-score, z-scores, interquartile range, iqr, box plot, boxplot, stratified sampling, descriptive statistics, probability distribution, binomial distribution, poisson distribution, skewness, kurtosis, significance level, type i error, type ii error, type 1 error, type 2 error, false positive rate, treatment group, randomized controlled trial, ab test, ab testing, a/b tests, rstudio, stata, mann-whitney, fisher's exact test, pearson correlation, spearman correlation, covariance, regression coefficients, residual plot, ordinary least squares, ols, dependent variable, independent variable, categorical variables, interaction term, two-tailed test, paired t-test, monte carlo simulation, law of large numbers, base rate fallacy",
      "prior distribution, posterior distribution, confounding variable, confounding variables, bayes factor, credible interval, heteroscedasticity, multicollinearity, multiple comparisons, bonferroni correction, false discovery rate, statistical power, power analysis, effect size, maximum likelihood, mle, mcmc, markov chain monte carlo, confounder, instrumental variable, mixed effects model, random effects, survival analysis, kaplan-meier, p-hacking, degrees of freedom, central limit theorem, sequential testing, optional stopping, alpha spending, cuped, variance reduction, minimum detectable effect, sample ratio mismatch, novelty effect, multi-armed bandit, thompson sampling, hierarchical model, partial pooling, shrinkage estimator, generalized linear model, glm, glmm, quantile regression, heteroskedasticity, autocorrelation, stationarity, arima, causal inference, difference-in-differences, diff-in-diff, regression discontinuity, propensity score matching, synthetic control, collider bias, berkson's paradox, ecological fallacy, omitted variable bias, endogeneity, likelihood ratio test, posterior predictive check, conjugate prior, hamiltonian monte carlo, pymc, variational inference, empirical bayes, kolmogorov-smirnov, q-q plot, qq plot, benjamini-hochberg, family-wise error rate, garden of forking paths, winsorizing, kernel density estimation, bootstrap resampling, permutation test, registered report, registered reports",
    ],
    finance: [
      "cash flow, ebitda, balance sheet, income statement, p&l, profit and loss, gross margin, net margin, operating expenses, opex, capex, burn rate, arr, mrr, churn, churn rate, unit economics, cap table, amortization, revenue recognition, accounts receivable, accounts payable, gaap, ifrs, cogs, working capital, general ledger, journal entry, accrual accounting, quickbooks, financial model, financial modeling, financial statements, budget vs actuals, variance analysis, gross profit, operating income, operating margin, ebit, accruals, accrued expenses, prepaid expenses, month-end close, bank reconciliation, chart of accounts, double-entry bookkeeping, trial balance, fp&a, xero, netsuite, cac, ltv, customer acquisition cost, customer lifetime value, payback period, saas metrics, gross revenue retention, net dollar retention, logo churn, acv, arpu, dso, days sales outstanding, enterprise value, ev/ebitda, revenue multiple, convertible note, 409a valuation, option pool, cash runway, ebitda margin, operating cash flow",
      "deferred revenue, discounted cash flow, dcf, wacc, npv, irr, ltv/cac, cac payback, net revenue retention, nrr, free cash flow, asc 606, goodwill impairment, contribution margin, rule of 40, three-statement model, leveraged buyout, lbo, pre-money valuation, post-money valuation, straight-line depreciation, deferred tax, adjusted ebitda, non-gaap, accretive, dilutive, sensitivity analysis, terminal value, gordon growth model, capm, cost of capital, hurdle rate, levered beta, unlevered free cash flow, mid-year convention, debt covenants, liquidation preference, participating preferred, pro rata rights, anti-dilution, ltm, ttm, run-rate revenue, remaining performance obligations, standalone selling price, performance obligations, asc 842, lease accounting, purchase price allocation, quality of earnings, burn multiple, intercompany eliminations, transfer pricing, cash conversion cycle",
    ],
    investing: [
      "index fund, index funds, etf, etfs, expense ratio, dividend, dividends, bond fund, treasury bonds, brokerage account, investment portfolio, asset allocation, rebalancing, compound interest, capital gains, 401k, ira, roth ira, vanguard, s&p 500, dollar-cost averaging, market cap, mutual fund, mutual funds, index investing, total market index, vti, voo, vxus, qqq, 401(k), roth 401k, traditional ira, roth conversion, target date fund, target-date fund, bond ladder, treasury bills, t-bills, expense ratios, asset classes, diversified portfolio, dividend yield, dividend reinvestment, total return, capital gains tax, long-term capital gains, cost basis, limit order, market order, bid-ask spread, pe ratio, earnings per share, small cap, large cap, reits, reit, robo-advisor, taxable brokerage, three-fund portfolio, bogleheads",
      "sharpe ratio, tax-loss harvesting, factor investing, sequence of returns risk, safe withdrawal rate, duration risk, yield curve, efficient frontier, modern portfolio theory, backdoor roth, mega backdoor roth, wash sale, asset location, p/e ratio, covered calls, implied volatility, risk parity, sortino ratio, max drawdown, maximum drawdown, fama-french, small-cap value, value premium, momentum factor, factor tilts, tracking error, glide path, sequence risk, required minimum distributions, roth conversion ladder, tax drag, qualified dividends, step-up in basis, options greeks, delta hedging, theta decay, cash-secured puts, iron condor, convexity, yield to maturity, real yield, term premium, rebalancing bands, leveraged etfs, volatility drag, kelly criterion, mean-variance optimization, black-litterman, smart beta, direct indexing, backtesting",
    ],
    billing: [
      "invoicing, stripe, subscription billing, recurring billing, billing cycle, payment gateway, payment processor, stripe checkout, pricing tiers, usage-based pricing, free trial conversion, subscription management, billing system, billing portal, stripe billing, stripe api, stripe webhooks, stripe subscription, stripe subscriptions, chargebee, recurly, lemon squeezy, braintree, adyen, checkout flow, seat-based pricing, per-seat pricing, pricing page, stripe customer, payment links, stripe connect, marketplace payments, payment processing, trial-to-paid conversion, billing logic, billing integration",
      "proration, invoice generation, invoice line items, payment intent, paymentintent, chargeback, chargebacks, dunning, metered billing, usage-based billing, revenue leakage, idempotency key, 3d secure, sca, psd2, pci dss, pci compliance, tax nexus, merchant of record, smart retries, involuntary churn, billing anchor, credit notes, mid-cycle upgrade, prorated charges, prorated refunds, usage records, usage aggregation, rating engine, feature entitlements, setupintent, setup intents, network tokens, card-on-file, account updater, soft decline, hard decline, decline codes, retry schedule, invoice finalization, credit balance, stripe tax, avalara, reverse charge, multi-currency pricing, interchange fees, interchange plus, 3ds2, dispute evidence, chargeback ratio, stripe radar, billing cycle anchor, dunning emails, proration behavior, price versioning, billing ledger",
    ],
    "product-management": [
      "product roadmap, okr, okrs, user story, user stories, product backlog, backlog grooming, backlog refinement, product-market fit, product manager, product management, feature request, feature requests, jira, acceptance criteria, go-to-market, prd, scrum, kanban, sprint planning, story points, roadmapping, prioritization framework, product discovery, product strategy, feature prioritization, epics, jira tickets, jira ticket, sprint review, sprint retro, sprint retrospective, daily standup, daily standups, product owner, scrum master, agile ceremonies, mixpanel, posthog, pendo, product analytics, funnel analysis, conversion funnel, retention curve, retention curves, dau, mau, dau/mau, daily active users, monthly active users, nps, net promoter score, csat, feature adoption, minimum viable product, product requirements document, burndown chart, sprint velocity, pmf, ideal customer profile, user personas",
      "north star metric, jobs to be done, jtbd, rice scoring, kano model, opportunity solution tree, continuous discovery, dual-track agile, activation rate, aha moment, time to value, product-led growth, plg, pirate metrics, aarrr, wsjf, impact mapping, cohort analysis, opportunity sizing, total addressable market, tam sam som, pr/faq, assumption mapping, fake door test, painted door test, concierge mvp, switch interview, outcome-based roadmap, product trio, north star framework, input metrics, counter metrics, guardrail metrics, activation metric, growth loops, growth loop, viral coefficient, k-factor, cohort retention, moscow prioritization, ice scoring, rice framework, now-next-later roadmap, cost of delay, shape up methodology, betting table, product ops, expansion revenue",
    ],
    design: [
      "wireframe, wireframes, figma, typography, user research, usability test, usability testing, ux, ui/ux, ux design, ui design, mockup, mockups, design system, user flow, user flows, visual hierarchy, style guide, journey map, adobe xd, ui kit, ui kits, figma file, figma components, clickable prototype, hi-fi mockups, high-fidelity mockups, low-fidelity wireframes, lo-fi wireframes, user interviews, ux research, ux researcher, ux writing, microcopy, user testing, sketch app, invision, zeplin, font pairing, grid system, layout grid, spacing system, iconography, design critique, design crit, design handoff, interaction design, visual design, product design, empty states, empty state, onboarding flow, error states, hover states, pixel-perfect, design thinking, usability heuristics, figma prototype, figma variables, design specs",
      "kerning, affordance, affordances, gestalt principles, design tokens, information architecture, card sorting, tree testing, heuristic evaluation, nielsen heuristics, fitts's law, hick's law, 8-point grid, baseline grid, modular scale, optical alignment, auto layout, component variants, progressive disclosure, dark patterns, double diamond, optical sizing, x-height, vertical rhythm, type scale, atomic design, designops, semantic tokens, style dictionary, design debt, figure-ground, law of proximity, von restorff effect, aesthetic-usability effect, serial position effect, miller's law, tesler's law, jakob's law, peak-end rule, skeuomorphism, neumorphism, glassmorphism, material design, human interface guidelines, system usability scale, task success rate, time on task, first-click testing, five-second test, diary study, diary studies, contextual inquiry, affinity mapping, affinity diagram, service blueprint, information scent, f-pattern, deceptive patterns, microinteractions",
    ],
    legal: [
      "gdpr, ccpa, hipaa, nda, ndas, terms of service, privacy policy, intellectual property, open source license, mit license, gpl, apache 2.0, data processing agreement, dpa, soc 2, soc2, iso 27001, fair use, licensing terms, liability clause, eula, software license, open source licenses, bsd license, apache license, gplv3, gplv2, mpl, consent management, data retention policy, soc 2 type ii, soc 2 type 2, iso 27701, hipaa compliance, baa, business associate agreement, msa, master services agreement, statement of work, data protection officer, pii, personally identifiable information, breach notification, right to be forgotten, right to erasure, data subject rights, privacy by design, eu ai act, non-disclosure agreement, mutual nda, liability cap, warranty disclaimer, acceptable use policy, ip ownership, export controls, gdpr compliance",
      "indemnification, indemnity, limitation of liability, copyleft, agpl, lgpl, license compatibility, standard contractual clauses, data controller, data processor, lawful basis, legitimate interest, dpia, force majeure, governing law, work for hire, ip assignment, non-compete, dmca, contributor license agreement, data subject access request, dsar, subprocessor, schrems ii, transfer impact assessment, data privacy framework, adequacy decision, binding corporate rules, article 28, records of processing activities, legitimate interests assessment, purpose limitation, data minimization, storage limitation, special category data, pseudonymization, pseudonymisation, anonymization, cpra, global privacy control, de-identification, protected health information, strong copyleft, weak copyleft, linking exception, classpath exception, sspl, business source license, source-available, patent grant, dual licensing, relicensing, mutual indemnification, consequential damages, liquidated damages, assignment clause, change of control clause, mfn clause, termination for convenience, severability, choice of law, dmca takedown, counter-notice, transformative use, invention assignment, piia, non-solicitation, section 230, consent management platform",
    ],
    writing: [
      "thesis statement, brand voice, topic sentence, active voice, passive voice, copyediting, copy editing, narrative arc, character arc, oxford comma, ap style, chicago manual of style, ghostwriting, copywriting, house style, editorial calendar, content strategy, seo copywriting, plot structure, three-act structure, story structure, inciting incident, rising action, worldbuilding, world-building, dialogue tags, dialogue tag, query letter, beta readers, beta reader, nanowrimo, narrative voice, authorial voice, structural edit, line edit, copy-edit, readability score, flesch-kincaid, em dashes, en dash, serial comma, split infinitive, run-on sentence, comma splice, comma splices, sentence fragment, sentence fragments, style manual",
      "inverted pyramid, lede, bury the lede, nut graf, show don't tell, free indirect discourse, unreliable narrator, parallel structure, dangling modifier, em dash, line editing, developmental editing, kill your darlings, through-line, controlling idea, anaphora, free indirect style, close third person, deep pov, psychic distance, narrative distance, in medias res, denouement, chekhov's gun, objective correlative, frame narrative, epistolary, bildungsroman, scene and sequel, beat sheet, save the cat beat sheet, snowflake method, pantser, info dump, infodumping, purple prose, filter words, head-hopping, pov shift, tricolon, chiasmus, litotes, zeugma, polysyndeton, asyndeton, periodic sentence, cumulative sentence, nominalization, nominalizations, reverse outline, reverse outlining, minto pyramid, pyramid principle, scqa, bluf, bottom line up front, unreliable narrators",
    ],
    biology: [
      "crispr, rna, dna sequencing, dna replication, gene expression, protein folding, mitochondria, enzyme, enzymes, cell culture, genome, genomics, chromosome, chromosomes, cell biology, molecular biology, natural selection, bioinformatics, epigenetics, gel electrophoresis, pcr amplification, pcr primers, primer design, agarose gel, pipetting, cell lines, cell line, hela cells, bacterial culture, restriction enzymes, restriction enzyme, dna ligation, molecular cloning, immunostaining, immunohistochemistry, microscopy, confocal microscopy, fluorescence microscopy, western blots, sds-page, protein purification, next-generation sequencing, ngs, illumina, sanger sequencing, whole genome sequencing, genome assembly, reference genome, ncbi, genbank, uniprot, fastq, variant calling, snp, snps, point mutation, wild-type, knockout mice, model organism, model organisms, drosophila, c. elegans, arabidopsis, mitosis, meiosis, genotype, phenotype, alleles, allele, homozygous, heterozygous, krebs cycle, cell signaling, cell cycle, apoptosis, biopython, bioconductor, scanpy, gene regulation",
      "western blot, qpcr, rt-qpcr, rna-seq, single-cell, scrna-seq, transcriptomics, proteomics, alphafold, gene knockout, plasmid, transfection, transcription factor, methylation, crispr-cas9, guide rna, off-target effects, flow cytometry, elisa assay, codon, ribosome, signal transduction, gwas, phylogenetic, crispr screen, crispr screens, base editing, prime editing, sgrna, pam sequence, homology-directed repair, non-homologous end joining, nhej, lentiviral vector, aav vector, sirna, shrna, rnai, gene knockdown, chip-seq, atac-seq, hi-c, spatial transcriptomics, differential expression, differential gene expression, deseq2, log2 fold change, batch correction, unique molecular identifiers, sequencing depth, multiple sequence alignment, phylogenetic tree, molecular dynamics, cryo-em, x-ray crystallography, binding affinity, michaelis-menten, allosteric regulation, post-translational modifications, phosphorylation, ubiquitination, histone modifications, chromatin accessibility, eqtl, polygenic risk score, linkage disequilibrium, hardy-weinberg, organoids, organoid, facs, single-cell rna-seq, co-immunoprecipitation, luciferase assay, mass spectrometry, mass spec",
    ],
    git: [
      "git, github, git cherry-pick, gitlab, repo, version control, git commit, commits, commit message, commit history, git push, git pull, git clone, pull request, merge request, feature branch, main branch, master branch, git branch, branching strategy, merge conflict, merge conflicts, rebase, rebasing, git stash, gitignore, git blame, gh cli, github cli, git status, git log, git diff, git merge, git rebase, git reset, git checkout, git switch, git add, git fetch, git init, git remote, git tag, git config, git history, git repo, git repos, git repository, repos, github repo, github issues, pull requests, merge requests, codeowners, branch protection, branch protection rules, protected branch, default branch, upstream branch, remote branch, origin/main, origin/master, staged changes, unstaged changes, untracked files, merge commit, commit hash, commit sha, bitbucket, git flow, gitflow, github flow, monorepo, monorepos, dependabot, git hooks, pr review, pr reviews",
      "reflog, detached head, interactive rebase, submodule, submodules, git bisect, squash commits, squash merge, force push, force-with-lease, rerere, worktree, worktrees, sparse checkout, git lfs, three-way merge, merge base, octopus merge, git subtree, filter-repo, pre-commit hook, signed commits, linear history, fast-forward merge, packfiles, pack files, loose objects, git gc, refspec, orphan branch, rebase --onto, autosquash, fixup commit, fixup commits, partial clone, shallow clone, blobless clone, ort merge strategy, stacked prs, stacked diffs, stacked pull requests, gerrit, range-diff, signed-off-by, gpg signing, commit signing, bfg repo-cleaner, git filter-branch, filter-branch, mailmap, gitattributes, merge driver, git internals, index.lock, git plumbing",
    ],
  } satisfies Record<string, [basic: string, advanced: string]>).map(([topic, [basic, advanced]]) => [
    topic,
    [...basic.split(", "), ...advanced.split(", ").map((term) => `^${term}`)],
  ]),
);

/**
 * Hyphenated seed terms whose words written apart are ordinary English ("stop the world", "fine tuning"
 * a plan, "the man in the middle"): they match only hyphenated, as written.
 */
const HYPHEN_ONLY = new Set([
  "at-least-once",
  "at-most-once",
  "exactly-once",
  "happens-before",
  "lock-free",
  "wait-free",
  "stop-the-world",
  "front-end",
  "back-end",
  "fine-tune",
  "fine-tuned",
  "fine-tuning",
  "go-to-market",
  "through-line",
  "single-cell",
  "hi-c",
  "well-architected",
  "mobile-first",
  "pixel-perfect",
  "will-change",
  "content-visibility",
  "source-available",
  "round-trip time",
  "man-in-the-middle",
  "pass-the-hash",
  "card-on-file",
  "signed-off-by",
]);

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

/** A term's spelling-independent key: hyphens read as spaces ("write-ahead log" → "write ahead log"). */
function canonical(key: string): string {
  return key.includes("-") ? key.replaceAll("-", " ") : key;
}

export class Vocabulary {
  /** Topic of each term, by canonical key, so "cross-validation" and "cross validation" are one term. */
  readonly #terms = new Map<string, string>();
  /** Terms that match only as spelled (HYPHEN_ONLY, learned tokens): canonical key → the one spelling. */
  readonly #exact = new Map<string, string>();
  readonly #learned = new Map<string, string>();
  readonly #advanced = new Set<string>();
  readonly #candidates = new Map<string, Candidate>();
  /**
   * Every proper word prefix of a multi-word term ("write", "write ahead" for "write ahead log"): a match
   * only extends over the next token while what it has read so far is one (keeps matching allocation-light).
   */
  readonly #prefixes = new Set<string>();
  #maxWords = 1;

  /** Seed terms written with a leading `^` are advanced (expert-tier) vocabulary. */
  constructor(seed: Record<string, string[]> = SEED) {
    for (const [topic, terms] of Object.entries(seed)) {
      for (const raw of terms) {
        const advanced = raw.startsWith("^");
        const term = advanced ? raw.slice(1) : raw;
        const key = tokenize(term).join(" ");
        this.#add(key, topic, HYPHEN_ONLY.has(key));
        if (advanced) this.#advanced.add(canonical(key));
      }
    }
  }

  /** Indexes a tokenized term under its canonical key; an `exact` one only matches as spelled. */
  #add(key: string, topic: string, exact: boolean) {
    if (!key) return;
    const canon = canonical(key);
    this.#terms.set(canon, topic);
    if (exact && canon !== key) this.#exact.set(canon, key);
    else this.#exact.delete(canon);
    // Where a match may stop between text tokens: after any word, or after a whole token of an exact term.
    const parts = (exact ? key : canon).split(" ");
    let prefix = "";
    for (let i = 0; i < parts.length - 1; i++) {
      prefix = i === 0 ? canonical(parts[0] as string) : `${prefix} ${canonical(parts[i] as string)}`;
      this.#prefixes.add(prefix);
    }
    this.#maxWords = Math.max(this.#maxWords, parts.length);
  }

  /** Topic of a tokenized, space-joined key, in any hyphen/space spelling (exact terms: as spelled). */
  #lookup(key: string): string | undefined {
    const canon = canonical(key);
    const topic = this.#terms.get(canon);
    if (topic === undefined) return undefined;
    const exact = this.#exact.get(canon);
    return exact === undefined || exact === key ? topic : undefined;
  }

  get size(): number {
    return this.#terms.size;
  }

  /** Whether a term marks expert-level use of its topic (advanced tier of the lexicon). */
  isAdvanced(term: string): boolean {
    return this.#advanced.has(canonical(tokenize(term).join(" ")));
  }

  topicOf(term: string): string | undefined {
    return this.#lookup(tokenize(term).join(" "));
  }

  /**
   * Every topic mentioned in `tokens`, with the terms that showed it, as written in the text (longest
   * match first; one spelling per term).
   */
  match(tokens: readonly string[]): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (let i = 0; i < tokens.length; i++) {
      let key = canonical(tokens[i] as string);
      let topic = this.#accept(key, tokens, i, 1);
      let length = topic === undefined ? 0 : 1;
      let matched = key;
      for (let j = i + 1; j < tokens.length && j - i < this.#maxWords && this.#prefixes.has(key); j++) {
        key = `${key} ${canonical(tokens[j] as string)}`;
        const longer = this.#accept(key, tokens, i, j - i + 1);
        if (longer !== undefined) {
          topic = longer;
          length = j - i + 1;
          matched = key;
        }
      }
      if (topic === undefined) continue;
      const spelled = length === 1 ? (tokens[i] as string) : tokens.slice(i, i + length).join(" ");
      const list = found.get(topic);
      if (!list) found.set(topic, [spelled]);
      else if (!list.some((term) => canonical(term) === matched)) list.push(spelled);
      i += length - 1;
    }
    return found;
  }

  /** Topic of canonical `key` if `tokens[from, from + length)` spell it acceptably (exact terms: as written). */
  #accept(key: string, tokens: readonly string[], from: number, length: number): string | undefined {
    const topic = this.#terms.get(key);
    if (topic === undefined) return undefined;
    const exact = this.#exact.get(key);
    return exact === undefined || exact === tokens.slice(from, from + length).join(" ") ? topic : undefined;
  }

  /**
   * Learns from a person's own words: unknown jargon-like tokens are counted against the topics
   * matched in the same message; enough consistent co-occurrence promotes them. Returns new terms.
   */
  learn(tokens: readonly string[], topics: Iterable<string>): string[] {
    const topicList = [...topics];
    const promoted: string[] = [];
    for (const token of new Set(tokens)) {
      if (this.#lookup(token) !== undefined || !JARGON.test(token)) continue;
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
        this.#add(term, topic, true);
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
      vocabulary.#add(tokenize(term).join(" "), topic, true);
      vocabulary.#learned.set(term, topic);
    }
    for (const [term, total, byTopic] of json.candidates) vocabulary.#candidates.set(term, { total, byTopic });
    return vocabulary;
  }
}

/** The process-wide vocabulary minds use unless given another. */
export const sharedVocabulary = new Vocabulary();
