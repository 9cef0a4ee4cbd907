/**
 * What the profiles showed and what each change of issue 14 bought, appended to RESULTS.md by
 * bench/run.ts. Written by hand from measurements on this machine (the table above is the run's).
 */
export const FINDINGS: string[] = [
  '## Issue 14: profile and what each change bought (calls layer)',
  '',
  'Before (main at 4717dd1, same machine, `--only 4,5`): validateCall 9.21 µs per Weather call, 19.8× `JSON.parse`; ' +
    'with 1,000 other registered classes 88.5 µs, 6.4× the 10-class cost (class-validator alone 65 µs).',
  '',
  'Profile before (`node --cpu-prof`, 300,000 validateCall on one Weather call, self time): class-validator 25% ' +
    '(`getTargetValidationMetadatas` 6.5% with 0 other classes, 65% with 1,000; `execute`, `coreValidate`, ' +
    '`customValidations`, `groupByPropertyName`), class-transformer `plainToInstance` 20% (`transform`, `getKeys`, ' +
    'ancestor lookups), `canonicalJson` 11%, `parseArguments` 11% (byte count, depth scan, safe copy), GC 7%, ' +
    'AsyncLocalStorage promise hooks 3%.',
  '',
  'After (the table above): validateCall 1.65 µs (3.97× `JSON.parse`), `checkCall` 1.20 µs (2.90×); 1,000 and 5,000 ' +
    'other classes 0.75× and 0.85× the 10-class cost (class-validator alone: 64.6 µs and 391 µs). Per change (micro-' +
    'benchmarks in one process, same session, µs per Weather call; JSON.parse 0.43): sorted-JSON key 0.47 → length-' +
    'prefixed key 0.23; plainToInstance + class-validator validate ≈ 5 → fast path construct 0.11 + check 0.09; ' +
    'parseArguments 0.74 → 0.67 (JSON.parse included); the lookups of the fast path (plan, cache freshness) 0.06.',
  '',
  '- Cached class-validator lookups (src/calls/validator-metadata.cache.ts): our own `ValidationExecutor` reads ' +
    "class-validator's store through a view that looks a class's rules up once and rechecks them in O(inheritance " +
    'depth); the global store is not patched. Bought benchmark 5 (1,000 and 5,000 classes cost what 10 do) and the full ' +
    'path of nested, custom and invalid calls.',
  '- Fast path (src/calls/fast-path*.ts): a valid call of a class whose rules are all class-validator built-ins (plus ' +
    '`@IsOptional` and our nullable marker) and that has no class-transformer metadata is built as `plainToInstance` ' +
    "would (`new Class()`, assign) and checked with the class's own constraint objects; any doubt, and every invalid " +
    "call, takes the full way, so error output is class-validator's own.",
  '- Call key (src/calls/call-key.ts): the duplicate-call key was sorted JSON; `JSON.stringify` of the arguments cost as ' +
    'much as `JSON.parse`. Now a length-prefixed encoding built in one walk.',
  '- Parser: no UTF-8 byte count when 3 × length is under the limit, no depth scan for text shorter than the depth ' +
    'limit, no copy of `JSON.parse` output that cannot hold `__proto__`/`constructor`/`prototype` keys.',
  '- AsyncLocalStorage only with a validation context (or `@ValidatePromise` rules, or an outer context to hide): the ' +
    'numeric-enum guard reads a synchronous mark set around the executor. Bought the promise-hooks tax of benchmark 3 ' +
    '("async hooks on / off", paid by every request of the app) for every extraction without a validationContext.',
  '- `checkCall`: validateCall without a promise when nothing async ran (the full path is synchronous too when no rule ' +
    'is async), for the run loop to adopt.',
  '',
  'Whole extraction (benchmark 3): the calls layer is now about 2% of the in-process profile of an extraction on the ' +
    "local server; the rest is the SDK, the local server and the run loop (src/extractor, the lead's), so the overhead " +
    'ratio barely moves with these changes; what the loop should change is in the issue 14 report.',
  '',
  '## Issue 14, part 2: the run loop (src/extractor, src/providers/openai)',
  '',
  "Profile before (`node --cpu-prof`, 8,000 extractions on the local server, ours against the bare SDK in separate processes): the library's own self time was about 4% of an extraction (`judge` with its flatMap/slice/map, `buildParams`, `checkCall`, `continueWhole`, `stopReasonError` building error details on every reply), plus about +14 µs of GC and +6 µs of microtasks per request against the bare SDK; the rest is the SDK, undici and the in-process server. Taken alone (SDK method replaced by a resolved JSON.parse of the same reply, in a scratch script), the library costs 8-13 µs per extraction of 3 calls; the rest of the 70-75 µs gap in benchmark 3 does not show up as library self time.",
  '',
  'Changes, and what each bought in this run (the table above; load average 0.15 at start):',
  '',
  "- `ToolRegistry.of`: the registry of a tool list is reused (weakly kept under its first class, at most 8 lists per class), so definitions are not looked up and validation rules not re-checked per request; provider tool lists are built once per registry (`registry.derive`); `judge` checks calls without a promise while every rule is synchronous and keeps the reply's own call list when it holds no wrapper; `hooks.emit` returns early with no handler; the stop-reason error details are built only on an abnormal stop; `runNative` returns the extraction's promise without another async hop. Overhead per extraction: 1.121× → 1.123× the bare SDK (76 µs; within noise, not measurably bought), Responses 1.089× → 1.093×. Memory (benchmark 7): peak heap 17.3 → 15.8 MB (fewer per-call arrays and the lazy error details).",
  "- Bench: the parallel-vs-sequential target is now 1.03× the delays-alone bound (all four N met); the streaming \"delays alone\" floor counts up to the delta that closes the first call's JSON, which is where the assembler completes it (the old comment said the next call's header). The streaming rows are measured as before: the first instance now comes 10.1 ms and 11.5 ms ahead of openai-node's first `arguments.done` (met, but only just: one chunk interval is the most any client can gain, since openai-node reports a call when the next call begins).",
  '',
  '- Session 6 (5e2ef06), from an allocation profile (inspector sampling heap profiler with minor-GC objects kept, one 10,000-call reply): the duplicate-call key strings (about 310 B per call), a `splice` and a slot object per call, `flatMap` empty arrays and `for…of` iterator results were most of what the library allocated. The key is now a 30-bit `callHash` built without strings, every hash match confirmed exactly by `sameCall` (so a collision never drops a distinct call); the accepted set is an open-address table in typed arrays (src/calls/accepted-calls.ts); slots hold outcomes; index loops. Library allocation per 10,000-call reply about 9.1 → 3.8 MB; benchmark 7 peak heap 16.7 → 11.3 MB (12.8× → 8.7× the reply); overhead per extraction 1.124× → 1.112× (within noise).',
  '',
  'Still missed after it: target 1 (overhead ≤ 1.03×, ≤ parse + zod) and target 4 (peak heap ≤ 5× the reply).',
  '',
  '## Issue 14, part 3 (session 7): memory of a 10,000-call reply, request building',
  '',
  'Measured with `node dist-samples/bench/run.js --only 7` (memory) and `--only 3` (overhead) after each change, plus scratch probes: heapUsed deltas with no GC in between (V8 ran no scavenge during the measured extraction, so peak heap over baseline is what the extraction allocated), and the sampling heap profiler with minor-GC objects kept.',
  '',
  '- Arguments read without a `{ ok, value }` wrapper per call (`readArguments`), and `passesFast` with index loops and one shared `ValidationArguments` (its array iterators and an args object per call were about 100 B of each call): peak heap 11.3 → 8.9 MB.',
  "- Arrays sized once per reply (readTurn's calls, the attempt's outcomes, the slots, the accepted calls, the instances; a pushed array of 10,000 pointers costs about 24 B per element against 8), no closure context per call (`checkCall` kept its `.then` closure, `resolveClassModel` its build closures: V8 allocates the context on entry, about 40 B per call even on a cache hit), the wire normalizer without iterators or stores of unchanged values: 8.9 → 7.7 MB.",
  '- Bench: the calls-layer row awaited every outcome and iterated with `entries()`; it now checks as the run loop does (9.99 → 2.85 MB, a bench artifact, not library memory). A row after a warm-up on the same reply shows what a server that has handled such replies sees: the first extraction after a 3-call warm-up runs its per-call code in the interpreter, whose temporaries escape analysis would remove (cold `checkCall` allocated 499 B per call, warm 207 before these changes).',
  "- What is left per call (warm): the SDK's reply is 3.9 MB of the peak; ours is the JSON.parse output (~77 B), the instance (~44 B), the RawCall (~64 B), the outcome (~56 B) and a few array slots. Reaching 6.5 MB needs about 100 B per call less, i.e. no outcome object for a valid call and arguments read straight into the instance; both are left for later (the second is a JSON reader of model output of our own).",
  "- Request params: `{ ...options, messages, ...tools }` takes V8's slow path on Node 20 (a spread literal that then adds properties: 1.2–1.7 µs); `mergeParams` copies the same keys in the same order with `Object.assign` (0.14 µs), falling back to spread for an own `__proto__` key. The whole run without HTTP (begin, readTurn, judge of 3 calls) went 4.4 → 2.6 µs.",
  '- Overhead: the library\'s own work is now about 2.6 µs of an extraction. In scratch runs with five variants rotating (ours, bare SDK, the bare SDK call with our params and a synchronous judge, and two more of our entry points) ours was 1.03× bare (+16 µs), and the SDK call with our params and judge alone +12 µs; with the Vercel AI SDK in the rotation (benchmark 3) our overhead roughly doubles while the bare SDK barely moves, and the new "two alone in a fresh process" row measures 1.05–1.07×. The rest of the gap is not in the library\'s code (no library function above 1 µs in a profile); the target rows keep the four-way rotation and stay missed.',
  '',
  'Still missed after it: target 1 (1.110× bare, 1.078× parse + zod in this run; Responses 1.070×, Anthropic 1.079×) and target 4 (7.94 MB, 6.1× the reply; 5.3× after a warm-up on the same reply).',
  '',
  '## Issue 14, part 4 (session 8): no outcome object per valid call',
  '',
  'Measured with `node dist-samples/bench/run.js --only 7` after each change and a cold end-to-end allocation profile of one 10,000-call extraction (sampling heap profiler, minor-GC objects kept, real SDK and local server).',
  '',
  "- Profile before: beyond the SDK's own reply (parse.js ~202 B and the decoded body ~136 B per call, the bare-SDK row), the library allocated per call the RawCall literal (~80 B cold), the arguments' JSON.parse output (~77 B), the instance (~40 B), the outcome object (~56-63 B), three presized lists (24 B), the result list (8 B), the accepted-call table (~26 B at a load of 1/2) and a few heap numbers from callHash's uint32 finaliser in unoptimized code.",
  "- `checkCallInto` hands a settled call to a `CallSink` (the run) as its parts, so a valid call has no outcome object; `ResultSlots` keeps calls and values in parallel lists with the failed places in a set; the attempt's failures are a Map for the re-ask; reply readers build RawCalls with `rawCall` (one four-field class: 56 B from the first call, where a literal was 72-80 B cold). Peak heap 7.9 -> 7.1 MB.",
  "- The accepted-call table at a load of 3/4 (16,384 slots for 10,000 calls), callHash's finaliser kept int32, the final result taking the slots' own list when no place failed: 7.1 -> 6.5-6.9 MB in repeated `--only 7` runs (5.0-5.3× the reply; the run-to-run spread is about 0.4 MB, from when V8 compiles the per-call code).",
  "- Tried and dropped: reading flat arguments straight into the instance. A scratch comparison (10,000 calls like the bench's) allocated more with sliced strings (151 B per call) than JSON.parse plus the copy into the instance (126 B), since JSON.parse shares short repeated strings; the container object it saves is smaller than the strings a reader of our own must make.",
  "- Overhead (benchmark 3) is unchanged by these: the SDK call with our params and a synchronous judge is still +13-19 µs against the bare SDK in scratch rotations without the Vercel AI SDK, with the library's own work about 2.6 µs; the request body is byte-for-byte the bare call's (same keys, same tools), and JSON.stringify of our params costs the same as of the bare ones (2.3 µs).",
  'Still missed after it: target 4 by a hair (6.59 MB, 5.1× the reply in this run; 4.7× after a warm-up on the same reply; the bare SDK alone is 4.10 MB, 3.2×) and target 1 (1.121× bare, 1.098× parse + zod; Responses 1.083×, Anthropic 1.092×; the two alone 1.087×). Targets 2, 3 and 5 and the Vercel row hold.',
];
