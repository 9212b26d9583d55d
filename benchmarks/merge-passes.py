#!/usr/bin/env python3
"""Merges JMH JSON results of several passes over the same benchmarks into one JMH JSON file.

    merge-passes.py OUT.json PASS1.json PASS2.json ... [OTHER.json ...]

run-full.sh runs the published average-time scenarios as passes of one fork each (every benchmark once per pass,
ours and its peers next to each other in time), so that a slow spell of the machine lands on every row of a pass
instead of on all the forks of one benchmark. This puts the passes back together: the forks of one benchmark and
parameter set become one result with every fork's iterations, and the score and error are recomputed as JMH computes
them (the mean of all iterations; the half-width of its 99.9 % confidence interval, Student's t with n - 1 degrees
of freedom). Results of a file that holds no other pass of the same benchmark (the sample-time rows run on their own)
are copied as they are. Secondary metrics are merged the same way (gc.count is summed, as JMH does).
"""
import json
import math
import sys


def _betacf(a, b, x):
    """Continued fraction of the regularized incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betai(a, b, x):
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1.0 - x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t, df):
    """P(T <= t) for Student's t with df degrees of freedom."""
    tail = 0.5 * _betai(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_quantile(p, df):
    """The t with P(T <= t) = p (p > 0.5), by bisection."""
    lo, hi = 0.0, 1e6
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def statistics(values, confidence=0.999):
    """JMH's score, error and confidence interval of a list of iteration values."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, float("nan"), [float("nan"), float("nan")]
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    error = t_quantile(1.0 - (1.0 - confidence) / 2.0, n - 1) * math.sqrt(variance) / math.sqrt(n)
    return mean, error, [mean - error, mean + error]


def percentiles(values):
    """Percentiles as JMH reports them for average-time results (commons-math's default estimation)."""
    ordered = sorted(values)
    n = len(ordered)
    out = {}
    for p in (0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0):
        if p == 0.0:
            out[str(p)] = ordered[0]
            continue
        pos = p * (n + 1) / 100.0
        if pos < 1:
            out[str(p)] = ordered[0]
        elif pos >= n:
            out[str(p)] = ordered[-1]
        else:
            lower = ordered[int(math.floor(pos)) - 1]
            upper = ordered[int(math.floor(pos))]
            out[str(p)] = lower + (pos - math.floor(pos)) * (upper - lower)
    return out


def merge_metric(metrics, summed):
    raw = [fork for m in metrics for fork in m["rawData"]]
    values = [v for fork in raw for v in fork]
    merged = dict(metrics[0])
    if summed:
        merged["score"] = sum(values)
        merged["scoreError"] = float("nan")
        merged["scoreConfidence"] = [float("nan"), float("nan")]
    else:
        merged["score"], merged["scoreError"], merged["scoreConfidence"] = statistics(values)
    merged["scorePercentiles"] = percentiles(values)
    merged["rawData"] = raw
    return merged


def key(result):
    return (result["benchmark"], result["mode"], result["threads"], json.dumps(result.get("params", {}), sort_keys=True))


def merge(results):
    if len(results) == 1:
        return results[0]
    merged = dict(results[0])
    merged["forks"] = sum(r["forks"] for r in results)
    merged["primaryMetric"] = merge_metric([r["primaryMetric"] for r in results], False)
    secondary = {}
    for name in results[0].get("secondaryMetrics", {}):
        parts = [r["secondaryMetrics"][name] for r in results if name in r.get("secondaryMetrics", {})]
        if all("rawData" in p for p in parts):
            secondary[name] = merge_metric(parts, name == "gc.count")
    merged["secondaryMetrics"] = secondary
    return merged


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    groups = {}
    order = []
    for path in sys.argv[2:]:
        with open(path) as f:
            for result in json.load(f):
                k = key(result)
                if k not in groups:
                    groups[k] = []
                    order.append(k)
                groups[k].append(result)
    with open(sys.argv[1], "w") as f:
        json.dump([merge(groups[k]) for k in order], f, indent=2)
    print(f"merged {sum(len(g) for g in groups.values())} results of {len(sys.argv) - 2} files into {len(order)} "
          f"in {sys.argv[1]}")


if __name__ == "__main__":
    main()
