# Runs AUTO-07p through its Python interface on one equations file and writes what it found as JSON.
# Usage: python3 auto_driver.py config.json result.json   (in the folder that holds <equation>.f90)
# Test code of Tvbo.PyRates (tests/Shared/Auto07p); AutoRunner writes this file next to the equations and reads the
# JSON back. Every number in the result is AUTO's, read from its own output (the b- and s-files it parses).
import contextlib
import json
import os
import sys
import time

cfg = json.load(open(sys.argv[1]))
out_path = sys.argv[2]
auto_dir = cfg.get("auto_dir", "/usr/lib/auto-07p")
os.environ.setdefault("AUTO_DIR", auto_dir)
sys.path.insert(0, os.path.join(auto_dir, "python"))

import numpy

# Debian's AUTO-07p (0.9.2) still names numpy.bool, which numpy 1.24 removed; it means the builtin bool.
if "bool" not in numpy.__dict__:
    numpy.bool = numpy.bool_

# AUTO prints its tables to stdout; keep them apart from anything else (they go to stderr).
_stdout = sys.stdout
sys.stdout = sys.stderr
import auto  # noqa: E402

ndim = cfg["ndim"]
npar = cfg["npar"]
free = cfg["free"]            # AUTO parameter indices, the continued one first
bounds = {int(k): v for k, v in cfg["bounds"].items()}
common = dict(NDIM=ndim, NPAR=max(npar, 36), JAC=0, EPSL=cfg.get("epsl", 1e-7), EPSU=cfg.get("epsu", 1e-7),
              EPSS=cfg.get("epss", 1e-5), ITMX=8, NWTN=3, ITNW=7)
times = []
branches = []
errors = []


def timed(what, **kw):
    t0 = time.perf_counter()
    try:
        return auto.run(**kw)
    finally:
        times.append({"run": what, "seconds": time.perf_counter() - t0})


def stability(br, n):
    """Per point: True when AUTO marks it stable (negative PT in its b-file)."""
    marks = br.stability()
    out = []
    for k in range(1, n + 1):
        s = False
        for p in marks:
            if abs(p) >= k:
                s = p < 0
                break
        out.append(s)
    return out


def orbit_extrema(t, u, ntst, ncol):
    """Min and max of AUTO's piecewise polynomial solution: on each mesh interval the stored NCOL+1 points are the
    collocation polynomial's nodes, so Lagrange interpolation through them is AUTO's solution there."""
    t = numpy.asarray(t)
    u = numpy.asarray(u)
    lo = u.min(axis=1).copy()
    hi = u.max(axis=1).copy()
    if ncol < 1 or len(t) != ntst * ncol + 1:
        return lo.tolist(), hi.tolist()
    s = numpy.linspace(0.0, 1.0, 41)
    for j in range(ntst):
        nodes = t[j * ncol:(j + 1) * ncol + 1]
        h = nodes[-1] - nodes[0]
        if h <= 0:
            continue
        x = (nodes - nodes[0]) / h
        basis = numpy.ones((len(s), ncol + 1))
        for a in range(ncol + 1):
            for b in range(ncol + 1):
                if a != b:
                    basis[:, a] *= (s - x[b]) / (x[a] - x[b])
        vals = basis @ u[:, j * ncol:(j + 1) * ncol + 1].T
        lo = numpy.minimum(lo, vals.min(axis=0))
        hi = numpy.maximum(hi, vals.max(axis=0))
    return lo.tolist(), hi.tolist()


def solution(s, periodic):
    d = {"type": s["TY"], "lab": int(s["LAB"]), "pt": int(s["PT"]),
         "par": [float(s["PAR(%d)" % i]) for i in range(1, npar + 1)]}
    u = [[float(v) for v in numpy.atleast_1d(s["U(%d)" % (j + 1)])] for j in range(ndim)]
    d["u0"] = [c[0] for c in u]
    if periodic:
        t = [float(v) for v in numpy.atleast_1d(s["t"])]
        d["period"] = float(s["PAR(11)"])
        d["min"], d["max"] = orbit_extrema(t, u, int(s["NTST"]), int(s["NCOL"]))
        if cfg.get("orbits", False):
            d["t"] = t
            d["u"] = u
    return d


pending = []


def record(result, kind, direction, source, periodic):
    # Read only after every run: reading a solution's data breaks writing it back as a restart point (with numpy >=
    # 1.24 the Debian interface then hands an array where it wants text), so restarts must come from unread ones.
    pending.append((result, kind, direction, source, periodic))


def read(result, kind, direction, source, periodic):
    if result is None or len(result) == 0:
        return
    for br in result:
        rows = br.toArray()
        sols = []
        for lab in br.getLabels():
            s = br(lab)
            if s["TY"] == "RG" and not periodic:
                continue
            sols.append(solution(s, periodic))
        branches.append({"kind": kind, "direction": direction, "source": source, "columns": list(br.coordnames),
                         "rows": [[float(v) for v in r] for r in rows], "stable": stability(br, len(rows)),
                         "solutions": sols})


def first(results, ty):
    for r in results:
        if r is None:
            continue
        for br in r:
            for lab in br.getLabels():
                if br(lab)["TY"] == ty:
                    return r, lab
    return None, None


eq = cfg["equilibria"]
p1 = free[0]
eq_results = []
for direction in (1, -1):
    name = "eq_%s" % ("fwd" if direction > 0 else "bwd")
    try:
        r = timed(name, e=cfg["equation"], sv=name, IPS=1, ISW=1, ISP=2, ILP=1, ICP=[p1], IRS=0,
                  DS=direction * eq["ds"], DSMIN=eq["dsmin"], DSMAX=eq["dsmax"], NMX=eq["nmx"], NPR=eq["nmx"] + 1,
                  UZSTOP={p1: bounds[p1]}, UZR={int(k): v for k, v in eq.get("uzr", {}).items()}, **common)
    except Exception as ex:  # AUTO's own failure is data: report it
        errors.append("%s: %s: %s" % (name, type(ex).__name__, ex))
        r = None
    eq_results.append(r)
    record(r, "EQ", direction, None, False)

cy = cfg.get("cycles")
if cy:
    k = 0
    for r in eq_results:
        if r is None:
            continue
        for lab in [lab for br in r for lab in br.getLabels() if br(lab)["TY"] == "HB"]:
            k += 1
            if k > cy.get("max_hopf", 4):
                break
            name = "po_hb%d" % k
            try:
                res = timed(name, s=r(lab), sv=name, IPS=2, ISW=1, ISP=2, ILP=1, ICP=[p1, 11], NTST=cy["ntst"],
                            NCOL=cy["ncol"], DS=cy["ds"], DSMIN=cy["dsmin"], DSMAX=cy["dsmax"], NMX=cy["nmx"],
                            NPR=1, UZSTOP={p1: bounds[p1], 11: [0.0, cy.get("max_period", 1e4)]},
                            UZR={int(kk): v for kk, v in cy.get("uzr", {}).items()}, **common)
            except Exception as ex:
                errors.append("%s: %s: %s" % (name, type(ex).__name__, ex))
                continue
            record(res, "PO", 1, "HB%d" % k, True)

two = cfg.get("two_parameter")
if two:
    r, lab = first(eq_results, two["from"])
    if r is None:
        errors.append("two-parameter: no %s point on the equilibrium branch" % two["from"])
    else:
        p2 = free[1]
        for direction in (1, -1):
            name = "%s_%s" % (two["from"].lower(), "fwd" if direction > 0 else "bwd")
            try:
                res = timed(name, s=r(lab), sv=name, IPS=1, ISW=2, ISP=2, ILP=1, ICP=[p1, p2], DS=direction * two["ds"],
                            DSMIN=two["dsmin"], DSMAX=two["dsmax"], NMX=two["nmx"], NPR=two["nmx"] + 1,
                            UZSTOP={p1: bounds[p1], p2: bounds[p2]}, **common)
            except Exception as ex:
                errors.append("%s: %s: %s" % (name, type(ex).__name__, ex))
                continue
            record(res, two["from"], direction, two["from"], False)

for item in pending:
    try:
        read(*item)
    except Exception as ex:
        errors.append("reading %s: %s: %s" % (item[1], type(ex).__name__, ex))



def finite(x):
    """JSON has no NaN or infinity: those become the strings .NET reads back ("NaN", "Infinity", "-Infinity")."""
    if isinstance(x, float) and not numpy.isfinite(x):
        return "NaN" if numpy.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, list):
        return [finite(v) for v in x]
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    return x


with open(out_path, "w") as f:
    json.dump(finite({"branches": branches, "times": times, "errors": errors}), f, allow_nan=False)
