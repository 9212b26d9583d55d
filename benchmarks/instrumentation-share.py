#!/usr/bin/env python3
"""Share of a Spring Boot request's CPU samples spent in observability code, read inside one JVM (scenario 10).

Wall-clock and CPU times of separate JVMs move by 25-30 % on a shared VM, so the added cost of an observability stack
is judged from a profile of its own JVM: async-profiler's collapsed stacks of BootRequestCost, for example

  java -agentpath:/path/to/libasyncProfiler.so=start,event=itimer,interval=1ms,collapsed,file=observa.collapsed \
    -cp benchmarks/target/benchmarks.jar dev.observa.benchmarks.BootRequestCost observa 60000 20000 3
  benchmarks/instrumentation-share.py none.collapsed observa.collapsed boot-otel.collapsed

Only samples of Tomcat's request processing count (a frame Http11Processor.service). A sample is instrumentation when
its innermost observability frame (Observa, OpenTelemetry, Micrometer, Spring's observation filter and conventions,
Spring Boot's tracing) has no frame of the request's filter chain, valves or servlet below it: the filter that wraps
the whole request is not charged with the application's work inside it. With the rest of a request the same work in
every stack, a stack's added time over none is share / (1 - share) of that rest, and the ratio of two stacks' added
times is the ratio of those.

  benchmarks/instrumentation-share.py --pairs observa1.collapsed boot1.collapsed observa2.collapsed boot2.collapsed ...

reads runs as (ours, reference) pairs, one JVM each, and prints every pair's ratio of added times, their mean with a
95 % interval (Student's t) and the ratio of the pooled samples.
"""
import collections
import sys

OBSERVABILITY = ('dev/observa/', 'io/opentelemetry/', 'io/micrometer/',
                 'org/springframework/web/filter/ServerHttpObservationFilter',
                 'org/springframework/http/server/observation/', 'org/springframework/boot/micrometer/',
                 'org/springframework/boot/opentelemetry/')
APPLICATION = ('dev/observa/benchmarks/',)  # the benchmark's own controller is the application
CHAIN = ('ApplicationFilterChain.doFilter', 'ApplicationFilterChain.internalDoFilter', 'StandardWrapperValve.invoke',
         'StandardContextValve.invoke', 'StandardHostValve.invoke', 'StandardEngineValve.invoke',
         'ErrorReportValve.invoke', 'AuthenticatorBase.invoke', 'CoyoteAdapter.service', 'DispatcherServlet',
         'FrameworkServlet')


def observability(frame):
    return frame.startswith(OBSERVABILITY) and not frame.startswith(APPLICATION)


def in_chain(frame):
    return any(c in frame for c in CHAIN)


def share(path):
    requests, instrumentation = 0, 0
    entries = collections.Counter()
    with open(path) as f:
        for line in f:
            stack, count = line.rstrip('\n').rsplit(' ', 1)
            count = int(count)
            if 'Http11Processor.service' not in stack:
                continue
            requests += count
            frames = stack.split(';')
            ours = [i for i, frame in enumerate(frames) if observability(frame)]
            if not ours or any(in_chain(frame) for frame in frames[ours[-1] + 1:]):
                continue
            instrumentation += count
            top = ours[-1]
            while top > 0 and not in_chain(frames[top - 1]):
                top -= 1
            entries[next(frames[i] for i in range(top, ours[-1] + 1) if observability(frames[i]))] += count
    return requests, instrumentation, entries


def added_time(requests, instrumentation):
    """A stack's added time over none, as a multiple of the rest of a request: share / (1 - share)."""
    share_ = instrumentation / requests
    return share_ / (1 - share_)


def main(paths):
    added = {}
    for path in paths:
        requests, instrumentation, entries = share(path)
        if requests == 0:
            print(f'{path}: no request-thread samples')
            continue
        s = instrumentation / requests
        added[path] = added_time(requests, instrumentation)
        print(f'{path}: {instrumentation} of {requests} request-thread samples in instrumentation ({100 * s:.1f} %); '
              f'added time {added[path]:.3f} × the rest of a request')
        for frame, count in entries.most_common(5):
            print(f'    {count:6d}  entered at {frame}')
    names = list(added)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if added[a] > 0.01 and added[b] > 0.01:  # a stack without instrumentation has no added time
                print(f'added time {a} / {b}: {added[a] / added[b]:.2f}')


def pairs(paths):
    """Runs taken as (ours, reference) pairs, one JVM each: every pair's ratio, their mean with a 95 % interval,
    and the ratio of the pooled samples."""
    if len(paths) < 4 or len(paths) % 2:
        sys.exit('--pairs needs two or more pairs of files: ours reference ours reference ...')
    ratios, pooled = [], {0: [0, 0], 1: [0, 0]}
    for i in range(0, len(paths), 2):
        pair = []
        for side, path in enumerate(paths[i:i + 2]):
            requests, instrumentation, _ = share(path)
            pooled[side][0] += requests
            pooled[side][1] += instrumentation
            pair.append(added_time(requests, instrumentation))
        ratios.append(pair[0] / pair[1])
        print(f'{paths[i]} / {paths[i + 1]}: {ratios[-1]:.3f}')
    n = len(ratios)
    mean = sum(ratios) / n
    sd = (sum((r - mean) ** 2 for r in ratios) / (n - 1)) ** 0.5
    t95 = {2: 12.71, 3: 4.30, 4: 3.18, 5: 2.78, 6: 2.57, 7: 2.45, 8: 2.36, 9: 2.31, 10: 2.26}.get(n, 2.0)
    half = t95 * sd / n ** 0.5
    ours, reference = (added_time(*pooled[side]) for side in (0, 1))
    print(f'{n} pairs: mean {mean:.3f}, sd {sd:.3f}, 95 % interval {mean - half:.3f} to {mean + half:.3f}; '
          f'pooled samples {ours / reference:.3f}')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] == '--pairs':
        pairs(sys.argv[2:])
    else:
        main(sys.argv[1:])
