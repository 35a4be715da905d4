namespace Tvbo.Cli.Tests.Battery;

/// <summary>The cases of the bad-input battery, by family.</summary>
internal static class BadInputCases
{
    /// <summary>A small valid experiment the cases break one thing of.</summary>
    public const string Valid = """
        model:
          name: Q
          parameters:
            eta: {value: -5.0}
            J: {value: 15.0}
          state_variables:
            r: {equation: {rhs: "1/pi + 2*r*v"}, initial_value: 0.1}
            v: {equation: {rhs: "v**2 + eta + J*r - (pi*r)**2"}, initial_value: -2.0}
        integration: {method: euler, duration: 1.0, step_size: 0.01}
        explorations:
          sweep:
            parameters:
              eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}
        """;

    private static readonly string[] Run = ["run", "{exp}", "--backend", "native", "--out", "{out}"];

    public static IEnumerable<BadInput> All() =>
        Expressions().Concat(Names()).Concat(Files()).Concat(Settings()).Concat(Numbers()).Concat(CommandLine()).Concat(Networks());

    /// <summary>The valid experiment with one text replaced (which must occur).</summary>
    private static string With(string from, string to) =>
        Valid.Contains(from, StringComparison.Ordinal) ? Valid.Replace(from, to, StringComparison.Ordinal) : throw new ArgumentException($"'{from}' is not in the valid experiment.");

    private static string V(string rhs) => With("\"v**2 + eta + J*r - (pi*r)**2\"", rhs);

    private static BadInput Rhs(string name, string rhs, params string[] culprit) => new("expressions", name, V(rhs), Run, 2, ["'v'", .. culprit]);

    private static IEnumerable<BadInput> Expressions()
    {
        yield return Rhs("dangling operator", "\"v**2 +\"", "exp.yaml:");
        yield return Rhs("unclosed parenthesis", "\"(v**2 + eta\"", "exp.yaml:");
        yield return Rhs("unopened parenthesis", "\"v**2 + eta)\"", "exp.yaml:");
        yield return Rhs("two operators", "\"v +* 2\"", "exp.yaml:");
        yield return Rhs("unclosed call", "\"sin(v\"", "exp.yaml:");
        yield return Rhs("unknown function", "\"frobnicate(v)\"", "frobnicate");
        yield return Rhs("implicit product", "\"2v\"", "2v");
        yield return Rhs("unknown symbol", "\"v + w\"", "'w'");
        yield return Rhs("double power", "\"v ** ** 2\"", "exp.yaml:");
        yield return Rhs("empty right-hand side", "\"\"", "exp.yaml:");
        yield return Rhs("blank right-hand side", "\"   \"", "exp.yaml:");
        yield return Rhs("assignment", "\"v = 2\"", "exp.yaml:");
        yield return Rhs("foreign character", "\"v § 2\"", "§");
        yield return Rhs("a list, not an expression", "[1, 2]", "exp.yaml:");
        yield return Rhs("a mapping, not an expression", "{a: 1}", "exp.yaml:");
        yield return Rhs("nesting beyond the limit", "\"" + new string('(', 300) + "v" + new string(')', 300) + "\"", "256");
        yield return Rhs("longer than the limit", "\"" + string.Join("+", Enumerable.Repeat("v", 50_001)) + "\"", "100000");
        yield return Rhs("wrong number of arguments", "\"sin(v, v)\"", "sin");
        yield return Rhs("a derivative of itself", "\"d/dt v\"", "exp.yaml:");
        yield return Rhs("comparison without a value", "\"v > \"", "exp.yaml:");
        yield return Rhs("trailing comma", "\"max(v, )\"", "exp.yaml:");
        yield return Rhs("unbalanced brackets", "\"v[0]\"", "exp.yaml:");
        yield return new("expressions", "derived variable with a syntax error", With("  state_variables:", "  derived_variables:\n    s: {equation: {rhs: \"r +\"}}\n  state_variables:"), Run, 2, "'s'", "exp.yaml:");
        yield return new("expressions", "derived variables that use each other in a cycle", With("  state_variables:", "  derived_variables:\n    s: {equation: {rhs: \"q + 1\"}}\n    q: {equation: {rhs: \"s + 1\"}}\n  state_variables:"), Run, 2, "s -> q -> s");
    }

    private static BadInput Exploration(string name, string exploration, params string[] culprit) =>
        new("names", name, With("  sweep:", $"  {exploration}:"), Run, 2, culprit);

    private static IEnumerable<BadInput> Names()
    {
        yield return Exploration("exploration name climbing out of --out", "\"../../x\"", "'../../x'");
        yield return Exploration("absolute exploration name", "\"/tmp/x\"", "'/tmp/x'");
        yield return Exploration("exploration name with a space", "\"a b\"", "'a b'");
        yield return Exploration("exploration name with a newline", "\"a\\nb\"", "exploration");
        yield return Exploration("exploration name with a quote", "\"a'b\"", "exploration");
        yield return Exploration("exploration name starting with a digit", "\"1sweep\"", "'1sweep'");
        yield return Exploration("empty exploration name", "\"\"", "exploration");
        yield return new("names", "parameter name with a dash", With("    J: {value: 15.0}", "    J-2: {value: 15.0}"), Run, 2, "'J-2'");
        yield return new("names", "parameter name starting with a digit", With("    J: {value: 15.0}", "    2J: {value: 15.0}"), Run, 2, "'2J'");
        yield return new("names", "parameter name with a space", With("    J: {value: 15.0}", "    \"J x\": {value: 15.0}"), Run, 2, "'J x'");
        yield return new("names", "state variable named like a parameter", With("    r: {equation", "    eta: {equation"), Run, 2, "'eta'");
        yield return new("names", "state variable name with a slash", With("    r: {equation: {rhs: \"1/pi + 2*r*v\"}", "    \"r/x\": {equation: {rhs: \"1\"}"), Run, 2, "'r/x'");
        yield return new("names", "state variable without an equation", With("    r: {equation: {rhs: \"1/pi + 2*r*v\"}, initial_value: 0.1}", "    r: {initial_value: 0.1}"), Run, 2, "'r'");
        yield return new("names", "model name climbing out", With("  name: Q", "  name: \"../Q\""), Run, 2, "'../Q'");
        yield return new("names", "exploring an unknown parameter", With("      eta: {domain", "      zeta: {domain"), Run, 2, "'zeta'", "parameters: eta, J");
        yield return new("names", "exploring a state variable", With("      eta: {domain", "      r: {domain"), Run, 2, "'r'", "state variable");
        yield return new("names", "the same parameter twice in an exploration", With("      eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}", "      eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}\n      eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}"), Run, 2, "eta");
        yield return new("names", "--exploration that is not in the file", Valid, [.. Run, "--exploration", "nope"], 2, "'nope'", "sweep");
    }

    private static IEnumerable<BadInput> Files()
    {
        yield return new("files", "unclosed flow mapping", With("    J: {value: 15.0}", "    J: {value: 15.0"), Run, 2, "exp.yaml:");
        yield return new("files", "tab indentation", With("    J: {value: 15.0}", "\tJ: {value: 15.0}"), Run, 2, "exp.yaml:");
        yield return new("files", "a second YAML document", Valid + "\n---\nlabel: other\n", Run, 2, "exp.yaml:", "document");
        yield return new("files", "a key given twice", With("    J: {value: 15.0}", "    J: {value: 15.0}\n    J: {value: 16.0}"), Run, 2, "exp.yaml:", "'J'");
        yield return new("files", "unknown top-level key", Valid + "\nintegraton: {}\n", Run, 2, "'integraton'", "integration");
        yield return new("files", "unknown key in a parameter (boundary)", With("    J: {value: 15.0}", "    J: {value: 15.0, boundary: [0, 1]}"), Run, 2, "'boundary'", "exp.yaml:");
        yield return new("files", "unknown key in a state variable", With("initial_value: -2.0}", "initial_valu: -2.0}"), Run, 2, "'initial_valu'", "initial_value");
        yield return new("files", "unknown key in the integration", With("method: euler", "methd: euler"), Run, 2, "'methd'", "method");
        yield return new("files", "unknown key in an exploration", With("    parameters:\n      eta", "    chunk_size: 4\n    parameters:\n      eta"), Run, 2, "'chunk_size'");
        yield return new("files", "an empty file", "", Run, 2, "exp.yaml");
        yield return new("files", "a list, not a mapping", "- 1\n- 2\n", Run, 2, "exp.yaml");
        yield return new("files", "binary garbage", "\u0001\u0002\u0003\u0000\u00ff", Run, 2, "exp.yaml");
        yield return new("files", "model file that does not exist", "model: missing.yaml\n" + Valid[(Valid.IndexOf("integration:", StringComparison.Ordinal))..], Run, 2, "missing.yaml");
        yield return new("files", "model path without a YAML name (/etc/passwd)", "model: /etc/passwd\n" + Valid[(Valid.IndexOf("integration:", StringComparison.Ordinal))..], Run, 2, "/etc/passwd", ".yaml");
        yield return new("files", "model path that is a folder", "model: sub.yaml\n" + Valid[(Valid.IndexOf("integration:", StringComparison.Ordinal))..], Run, 2, "sub.yaml", "folder") { Files = new Dictionary<string, string> { ["sub.yaml/keep"] = "x" } };
        yield return new("files", "model file over 16 MiB", "model: big.yaml\n" + Valid[(Valid.IndexOf("integration:", StringComparison.Ordinal))..], Run, 2, "big.yaml", "16 MiB") { Files = new Dictionary<string, string> { ["big.yaml"] = "# " + new string('x', (16 << 20) + 10) } };
        yield return new("files", "experiment file that does not exist", null, ["run", "{dir}/nope.yaml", "--backend", "native"], 2, "nope.yaml");
        yield return new("files", "experiment path that is a device", null, ["run", "/dev/null", "--backend", "native"], 2, "/dev/null");
        yield return new("files", "experiment file that is a folder", null, ["run", "{dir}", "--backend", "native"], 2, "tvbo-battery-", "folder");
        yield return new("files", "weights file that does not exist", With("integration:", "network:\n  weights: w.csv\nintegration:"), Run, 2, "w.csv");
        yield return new("files", "weights file with a word", With("integration:", "network:\n  weights: w.csv\nintegration:"), Run, 2, "w.csv", "abc") { Files = new Dictionary<string, string> { ["w.csv"] = "0,1\nabc,0\n" } };
        yield return new("files", "weights file that is not square", With("integration:", "network:\n  weights: w.csv\nintegration:"), Run, 2, "w.csv") { Files = new Dictionary<string, string> { ["w.csv"] = "0,1,1\n1,0,1\n" } };
        yield return new("files", "weights file that is a folder", Weights("w.csv"), Run, 2, "'w.csv' is a folder") { Files = new Dictionary<string, string> { ["w.csv/keep"] = "x" } };
        yield return new("files", "weights file that is a link to /etc/passwd", Weights("w.csv"), Run, 2, "'w.csv'", "line 1, column 0", "expected a number") { Links = new Dictionary<string, string> { ["w.csv"] = "/etc/passwd" }, NotShown = ["root:", "/bin/"] };
        yield return new("files", "weights .npy whose data does not match its header", Weights("w.npy"), Run, 2, "'w.npy'", "shape (3, 3)", "needs 72") { Bytes = new Dictionary<string, byte[]> { ["w.npy"] = Npy("(3, 3)", 4) } };
        yield return new("files", "weights .npy whose header is not numpy's", Weights("w.npy"), Run, 2, "'w.npy'", "not a NumPy .npy file") { Files = new Dictionary<string, string> { ["w.npy"] = "0, 1\n1, 0\n" } };
        yield return new("files", "experiment file that is a link to /dev/zero", null, Run, 2, "exp.yaml", "not a regular file") { Links = new Dictionary<string, string> { ["exp.yaml"] = "/dev/zero" } };
        yield return new("files", "model file that is a link to /dev/zero", "model: m.yaml\n" + Valid[Valid.IndexOf("integration:", StringComparison.Ordinal)..], Run, 2, "exp.yaml:1:", "m.yaml", "not a regular file") { Links = new Dictionary<string, string> { ["m.yaml"] = "/dev/zero" } };
        yield return new("files", "an include that is a link to /dev/zero", "model: !include m.yaml\n" + Valid[Valid.IndexOf("integration:", StringComparison.Ordinal)..], Run, 2, "exp.yaml:1:", "m.yaml", "not a regular file") { Links = new Dictionary<string, string> { ["m.yaml"] = "/dev/zero" } };
        yield return new("files", "an include that is a folder", "model: !include m.yaml\n" + Valid[Valid.IndexOf("integration:", StringComparison.Ordinal)..], Run, 2, "exp.yaml:1:", "m.yaml", "is a folder") { Files = new Dictionary<string, string> { ["m.yaml/keep"] = "x" } };
        yield return new("files", "input series that does not exist", Input("drive.csv"), Run, 2, "exp.yaml:10", "'drive.csv' does not exist");
        yield return new("files", "input series that is a folder", Input("drive.csv"), Run, 2, "exp.yaml:10", "'drive.csv' is a folder") { Files = new Dictionary<string, string> { ["drive.csv/keep"] = "x" } };
        yield return new("files", "input series that is a link to /etc/passwd", Input("drive.csv"), Run, 2, "exp.yaml:10", "'drive.csv'", "line 1, column 0", "expected a number") { Links = new Dictionary<string, string> { ["drive.csv"] = "/etc/passwd" }, NotShown = ["root:", "/bin/"] };
        yield return new("files", "input series that is a link to /dev/zero", Input("drive.csv"), Run, 2, "'drive.csv'", "not a regular file") { Links = new Dictionary<string, string> { ["drive.csv"] = "/dev/zero" } };
        yield return new("files", "input series with a word", Input("drive.csv"), Run, 2, "'drive.csv'", "line 3, column 0", "expected a number, found 'abc'") { Files = new Dictionary<string, string> { ["drive.csv"] = "1\n2\nabc\n" + Series(100) } };
        yield return new("files", "input series with a long word", Input("drive.csv"), Run, 2, "'drive.csv'", "line 2, column 1", "39 characters (not shown)") { Files = new Dictionary<string, string> { ["drive.csv"] = "1, 2, 3\n1, this-is-a-password-and-must-stay-hidden, 3\n" }, NotShown = ["password"] };
        yield return new("files", "input series shorter than the run", Input("drive.csv"), Run, 2, "exp.yaml:10", "'drive.csv' has 50 values", "100 steps") { Files = new Dictionary<string, string> { ["drive.csv"] = Series(50) } };
        yield return new("files", "input series per condition that do not match the grid", Input("drive.csv"), Run, 2, "exp.yaml:10", "'drive.csv' has 2 columns", "exploration 'sweep' has 3 conditions") { Files = new Dictionary<string, string> { ["drive.csv"] = string.Concat(Enumerable.Repeat("1, 2\n", 100)) } };
        yield return new("files", "input series with rows of different lengths", Input("drive.csv"), Run, 2, "'drive.csv'", "line 2 has 2 values, but line 1 has 3") { Files = new Dictionary<string, string> { ["drive.csv"] = "1, 2, 3\n1, 2\n" } };
        yield return new("files", "input series with a line beyond 16 Mi characters", Input("drive.csv"), Run, 2, "'drive.csv'", "line 1 is longer than 16 Mi characters") { Files = new Dictionary<string, string> { ["drive.csv"] = new string('1', (16 << 20) + 10) + "\n" } };
        yield return new("files", "input series .npy whose data does not match its header", Input("drive.npy"), Run, 2, "'drive.npy'", "shape (100,)", "needs 800") { Bytes = new Dictionary<string, byte[]> { ["drive.npy"] = Npy("(100,)", 50) } };
    }

    /// <summary>The valid experiment with a network whose weights are in <paramref name="file"/>.</summary>
    private static string Weights(string file) => With("integration:", $"network:\n  weights: {file}\nintegration:");

    /// <summary>The valid experiment with an input series on J from <paramref name="file"/> (its entry on line 10).</summary>
    private static string Input(string file) => With("integration:", $"inputs:\n  J: {file}\nintegration:");

    /// <summary>A series of <paramref name="rows"/> values, one per line.</summary>
    private static string Series(int rows) => string.Concat(Enumerable.Repeat("0.5\n", rows));

    /// <summary>A .npy file (format 1.0) of float64 in C order with the given shape and <paramref name="values"/> values
    /// of data (which need not match the shape).</summary>
    private static byte[] Npy(string shape, int values)
    {
        var dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}";
        var pad = (64 - ((10 + dict.Length + 1) % 64)) % 64;
        var header = System.Text.Encoding.Latin1.GetBytes(dict + new string(' ', pad) + "\n");
        var bytes = new byte[10 + header.Length + (values * 8)];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        header.CopyTo(bytes, 10);
        return bytes;
    }

    private static IEnumerable<BadInput> Settings()
    {
        yield return new("settings", "unknown method", With("method: euler", "method: rk5"), Run, 2, "'rk5'", "euler");
        yield return new("settings", "negative duration", With("duration: 1.0", "duration: -1.0"), Run, 2, "duration");
        yield return new("settings", "zero duration", With("duration: 1.0", "duration: 0.0"), Run, 2, "duration");
        yield return new("settings", "zero step", With("step_size: 0.01", "step_size: 0.0"), Run, 2, "step");
        yield return new("settings", "step longer than the duration", With("step_size: 0.01", "step_size: 2.0"), Run, 2, "step");
        yield return new("settings", "sampling step shorter than the step", With("step_size: 0.01}", "step_size: 0.01, sampling_step_size: 0.001}"), Run, 2, "sampling");
        yield return new("settings", "sampling step not a multiple of the step", With("step_size: 0.01}", "step_size: 0.01, sampling_step_size: 0.015}"), Run, 2, "sampling");
        yield return new("settings", "negative transient", With("step_size: 0.01}", "step_size: 0.01, transient_time: -1.0}"), Run, 2, "transient");
        yield return new("settings", "transient not a whole number of steps", With("step_size: 0.01}", "step_size: 0.01, transient_time: 0.005}"), Run, 2, "transient");
        yield return new("settings", "domain with n = 0", With("n: 3}", "n: 0}"), Run, 2, "'eta'", "n");
        yield return new("settings", "domain with a negative n", With("n: 3}", "n: -1}"), Run, 2, "'eta'");
        yield return new("settings", "domain with a fractional n", With("n: 3}", "n: 1.5}"), Run, 2, "1.5");
        yield return new("settings", "domain with n beyond the axis limit", With("n: 3}", "n: 10000000000}"), Run, 2, "'eta'", "10000000000", "at most");
        yield return new("settings", "domain without n", With(", n: 3}", "}"), Run, 2, "'eta'", "n");
        yield return new("settings", "empty list of values", With("domain: {lo: -6.0, hi: -4.0, n: 3}", "explored_values: []"), Run, 2, "'eta'");
        yield return new("settings", "a word among the values", With("domain: {lo: -6.0, hi: -4.0, n: 3}", "explored_values: [1.0, abc]"), Run, 2, "abc");
        yield return new("settings", "unknown exploration mode", With("    parameters:\n      eta", "    mode: diagonal\n    parameters:\n      eta"), Run, 2, "'diagonal'", "product");
        yield return new("settings", "zip of axes of different lengths", With("      eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}", "      eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}\n      J: {domain: {lo: 1.0, hi: 2.0, n: 4}}").Replace("    parameters:\n      eta", "    mode: zip\n    parameters:\n      eta", StringComparison.Ordinal), Run, 2, "eta: 3", "J: 4");
        yield return new("settings", "zero trials", With("    parameters:\n      eta", "    n_trials: 0\n    parameters:\n      eta"), Run, 2, "trials");
        yield return new("settings", "a word as an initial value", With("initial_value: -2.0", "initial_value: abc"), Run, 2, "abc");
        yield return new("settings", "a word as a parameter value", With("{value: 15.0}", "{value: abc}"), Run, 2, "abc");
        yield return new("settings", "negative relative tolerance for RK45", With("method: euler", "method: rk45, rtol: -1.0"), Run, 2, "tol");
        yield return new("settings", "a result over the size limit", With("n: 3}", "n: 3000000}"), Run, 2, "--store summary", "--max-result-bytes");
        yield return new("settings", "noise with sigma and nsig that disagree", With("step_size: 0.01}", "step_size: 0.01, noise: {noise_type: gaussian, parameters: {sigma: {value: 0.1}, nsig: {value: 0.5}}, seed: 1}}"), Run, 2, "sigma", "nsig", "disagree");
        yield return new("settings", "noise with an empty targets list", With("step_size: 0.01}", "step_size: 0.01, noise: {noise_type: gaussian, parameters: {sigma: {value: 0.1}}, targets: [], seed: 1}}"), Run, 2, "targets is empty");
        yield return new("settings", "a noise.sigma axis with a negative value", With("step_size: 0.01}", "step_size: 0.01, noise: {noise_type: gaussian, parameters: {sigma: {value: 0.1}}, seed: 1}}").Replace("      eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}", "      noise.sigma: {explored_values: [0.1, -1.0]}", StringComparison.Ordinal), Run, 2, "exp.yaml:13", "'sweep'", "noise.sigma", "-1", "sigma must be 0 or positive");
        yield return new("settings", "a noise.sigma axis over a negative range", With("step_size: 0.01}", "step_size: 0.01, noise: {noise_type: gaussian, parameters: {sigma: {value: 0.1}}, seed: 1}}").Replace("      eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}", "      noise.sigma: {domain: {lo: -1.0, hi: 1.0, n: 3}}", StringComparison.Ordinal), Run, 2, "'sweep'", "noise.sigma", "-1");
        yield return new("settings", "Ornstein-Uhlenbeck noise with ntau 0", With("step_size: 0.01}", "step_size: 0.01, noise: {noise_type: ou, parameters: {sigma: {value: 0.1}, ntau: {value: 0.0}}, seed: 1}}"), Run, 2, "exp.yaml:9", "integration.noise.parameters.ntau is 0", "positive") { NotShown = ["CorrelationTime", "Integration.Noise"] };
        yield return new("settings", "noise with an infinite ntau", With("step_size: 0.01}", "step_size: 0.01, noise: {noise_type: ou, parameters: {sigma: {value: 0.1}, ntau: {value: .inf}}, seed: 1}}"), Run, 2, "integration.noise.parameters.ntau", "finite") { NotShown = ["CorrelationTime"] };
        yield return new("settings", "noise with a negative sigma", With("step_size: 0.01}", "step_size: 0.01, noise: {noise_type: gaussian, parameters: {sigma: {value: -1.0}}, seed: 1}}"), Run, 2, "sigma");
        yield return new("settings", "an event of unknown type", With("integration:", "events:\n  eta: {event_type: teleport, equation: {rhs: \"1\"}}\nintegration:"), Run, 2, "'teleport'");
    }

    private static IEnumerable<BadInput> Numbers()
    {
        yield return new("numbers", "a value float64 cannot hold", With("{value: 15.0}", "{value: 1e400}"), Run, 2, "1e400");
        yield return new("numbers", "a value that underflows to 0", With("{value: 15.0}", "{value: 1e-400}"), Run, 2, "1e-400");
        yield return new("numbers", "NaN as a parameter value", With("{value: 15.0}", "{value: .nan}"), Run, 2, "'J'");
        yield return new("numbers", "infinity as an initial value", With("initial_value: -2.0", "initial_value: .inf"), Run, 2, "'v'");
        yield return new("numbers", "a range wider than float64", With("lo: -6.0, hi: -4.0", "lo: -1e308, hi: 1e308"), Run, 2, "'eta'");
        yield return new("numbers", "infinite end of a range", With("hi: -4.0", "hi: .inf"), Run, 2, "'eta'");
        yield return new("numbers", "a step that is NaN", With("step_size: 0.01", "step_size: .nan"), Run, 2, "step");
        yield return new("numbers", "a duration of 1e400", With("duration: 1.0", "duration: 1e400"), Run, 2, "1e400");
        yield return new("numbers", "n near int.MaxValue", With("n: 3}", "n: 2147483647}"), Run, 2, "'eta'");
        yield return new("numbers", "a product whose size overflows", With("      eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}", "      eta: {domain: {lo: -6.0, hi: -4.0, n: 50000}}\n      J: {domain: {lo: 1.0, hi: 2.0, n: 50000}}"), Run, 2, "too many conditions", "50000 x 50000");
        yield return new("numbers", "more steps than a run can count", With("step_size: 0.01", "step_size: 1e-12"), Run, 2, "step");
        yield return new("numbers", "hexadecimal as a value", With("{value: 15.0}", "{value: 0x10}"), Run, 2, "0x10");
        // Networks sized or delayed beyond reason: refused with the number and the limit, never an overflow.
        const string Coupled = "  coupling_terms:\n    c_glob: {}\n  state_variables:";
        var network = V("\"v**2 + eta + J*r - (pi*r)**2 + c_glob\"").Replace("  state_variables:", Coupled, StringComparison.Ordinal);
        string Net(string body, string axis = "eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}") =>
            network.Replace("integration:", $"network:\n{body}\n  coupling: {{c_glob: {{iri: tvbo:Linear}}}}\nintegration:", StringComparison.Ordinal)
                .Replace("eta: {domain: {lo: -6.0, hi: -4.0, n: 3}}", axis, StringComparison.Ordinal);
        const string Delayed = "  weights: [[0, 1], [1, 0]]\n  lengths: [[0, 10], [10, 0]]";
        yield return new("numbers", "a network of 46341 nodes (46341² overflows an int)", Net("  number_of_nodes: 46341"), Run, 2, "46341", "10000");
        yield return new("numbers", "a network of 100000 nodes", Net("  number_of_nodes: 100000"), Run, 2, "100000", "10000");
        yield return new("numbers", "a conduction speed of 0 in a sweep", Net(Delayed, "network.conduction_speed: {explored_values: [0.0, 3.0]}"), Run, 2, "conduction_speed", "value 0", "> 0");
        yield return new("numbers", "a negative conduction speed in a sweep", Net(Delayed, "network.conduction_speed: {explored_values: [3.0, -1.0]}"), Run, 2, "conduction_speed", "value -1", "> 0");
        yield return new("numbers", "an infinite conduction speed in a sweep", Net(Delayed, "network.conduction_speed: {explored_values: [3.0, .inf]}"), Run, 2, "conduction_speed", "finite");
        yield return new("numbers", "a conduction speed of 0", Net(Delayed + "\n  conduction_speed: 0"), Run, 2, "conduction_speed", "> 0");
    }

    /// <summary>Network transforms and TVBO's coupling forms gone wrong: each refused naming the transform or coupling
    /// and its line.</summary>
    private static IEnumerable<BadInput> Networks()
    {
        var coupled = V("\"v**2 + eta + J*r - (pi*r)**2 + c_glob\"").Replace("  state_variables:", "  coupling_terms:\n    c_glob: {}\n  state_variables:", StringComparison.Ordinal);
        string Net(string network, string coupling = "  coupling: {c_glob: {iri: tvbo:Linear}}", string? model = null) =>
            (model ?? coupled).Replace("integration:", $"network:\n  weights: [[0, 1], [2, 0]]\n{network}{coupling}\nintegration:", StringComparison.Ordinal);
        string Transform(string rhs) => $"  transforms:\n    - {{name: weight, equation: {{rhs: '{rhs}'}}}}\n";
        BadInput Case(string family, string name, string text, params string[] culprit) => new(family, name, text, Run, 2, ["exp.yaml:", .. culprit]);

        yield return Case("numbers", "a per-node parameter list of the wrong length", Net("", model: coupled.Replace("eta: {value: -5.0}", "eta: {value: [-5.0, -4.0, -3.0]}", StringComparison.Ordinal)), "exp.yaml:4", "parameter 'eta'", "a list of 3 values", "the network has 2 nodes");
        yield return new("numbers", "a per-node parameter list on a single node", With("eta: {value: -5.0}", "eta: {value: [-5.0, -4.0]}"), Run, 2, "exp.yaml:4", "parameter 'eta'", "a list of 2 values", "single node (1 node)");
        yield return Case("numbers", "a transform dividing by zero", Net(Transform("weight / min(weight)")), "network.transforms[0] ('weight')", "divides by zero", "'min(weight)' is 0");
        yield return Case("numbers", "a transform selecting nothing", Net(Transform("weight / mean(weight[weight > 5])")), "network.transforms[0]", "selects nothing");
        yield return Case("numbers", "a transform whose result is not finite", Net(Transform("log(weight)")), "network.transforms[0]", "'log(weight)' is -inf at [0, 0]");
        yield return Case("names", "a transform naming W", Net(Transform("W / max(W)")), "network.transforms[0]", "'W'", "did you mean 'weight'");
        yield return Case("names", "a transform of a matrix the network does not have", Net("  transforms: [{name: fc, equation: {rhs: fc}}]\n"), "network.transforms[0]", "'fc'", "weight, length");
        yield return Case("expressions", "a transform with an unclosed call", Net(Transform("weight / max(weight")), "network.transforms[0]", "not closed");
        yield return Case("expressions", "a transform selecting outside a reduction", Net(Transform("weight[weight > 0]")), "network.transforms[0]", "only a reduction");
        yield return Case("settings", "a transform in Python", Net("  transforms: [{name: weight, source_code: 'W / W.max()'}]\n"), "network.transforms[0]", "source_code");
        yield return Case("names", "two couplings keyed by their own names for one input", Net(string.Empty, "  coupling:\n    A: {iri: tvbo:Linear}\n    B: {iri: tvbo:Linear}"), "'A'", "ambiguous");
        yield return Case("names", "a pre-expression reading a state it does not list", Net(string.Empty, "  coupling: {c_glob: {incoming_states: [r], pre_expression: 'v'}}"), "'v'", "incoming_states");
        yield return Case("names", "a bare state both incoming and local", Net(string.Empty, "  coupling: {c_glob: {incoming_states: [r], local_states: [r], pre_expression: 'r'}}"), "'r'", "ambiguous", "r_j");
        yield return Case("expressions", "a list of pre-expressions for a scalar input", Net(string.Empty, "  coupling: {c_glob: {pre_expression: '[x_j, x_j]'}}"), "'c_glob'", "list of 2");
        yield return Case("settings", "a pre-expression TVBO ignores (local_states only)", Net(string.Empty, "  coupling: {c_glob: {local_states: [r], pre_expression: 'sin(r)'}}"), "'c_glob'", "ignores the pre-expression");
        yield return Case("settings", "a coupling input of dimension 2 without keys", coupled.Replace("    c_glob: {}", "    c_glob: {dimension: 2}", StringComparison.Ordinal), "'c_glob'", "keys");
    }

    private static BadInput Args(string name, string[] args, params string[] culprit) => new("command line", name, Valid, args, 2, culprit);

    private static IEnumerable<BadInput> CommandLine()
    {
        yield return Args("no command", [], "command");
        yield return Args("unknown command", ["frobnicate"], "frobnicate");
        yield return Args("run without a file", ["run", "--backend", "native"], "file");
        yield return Args("run without --backend", ["run", "{exp}"], "--backend");
        yield return Args("unknown backend", ["run", "{exp}", "--backend", "matlab"], "matlab", "native");
        yield return Args("unknown option", [.. Run, "--frob"], "--frob");
        yield return Args("mistyped option", ["run", "{exp}", "--backnd", "native"], "'--backnd'", "did you mean '--backend'?");
        yield return Args("mistyped command", ["rn", "{exp}"], "'rn'", "did you mean 'run'?");
        yield return Args("unknown short option", [.. Run, "-x"], "-x");
        yield return Args("--store with an unknown value", [.. Run, "--store", "all"], "--store", "'all'");
        yield return Args("--summary-window of 0", [.. Run, "--summary-window", "0"], "--summary-window");
        yield return Args("--summary-window above 1", [.. Run, "--summary-window", "2"], "--summary-window");
        yield return Args("--summary-window not a number", [.. Run, "--summary-window", "abc"], "--summary-window", "abc");
        yield return Args("--chunk-size 0", ["run", "{exp}", "--backend", "pyrates", "--chunk-size", "0"], "--chunk-size");
        yield return Args("--chunk-size negative", ["run", "{exp}", "--backend", "pyrates", "--chunk-size", "-3"], "--chunk-size");
        yield return Args("--chunk-size not a number", ["run", "{exp}", "--backend", "pyrates", "--chunk-size", "abc"], "--chunk-size", "abc");
        yield return Args("--max-result-bytes negative", [.. Run, "--max-result-bytes", "-1"], "--max-result-bytes");
        yield return Args("--max-event-times negative", [.. Run, "--max-event-times", "-1"], "--max-event-times", "'-1'");
        yield return Args("--conditions reversed", [.. Run, "--conditions", "2:1"], "2:1");
        yield return Args("--conditions not a range", [.. Run, "--conditions", "abc"], "--conditions", "abc");
        yield return Args("--conditions=-1:3", [.. Run, "--conditions=-1:3"], "--conditions", "'-1:3'", "START:STOP", "0 <= START < STOP") with { NotShown = ["is an option"] };
        yield return Args("--conditions -1:3", [.. Run, "--conditions", "-1:3"], "--conditions", "'-1:3'", "START:STOP") with { NotShown = ["is an option"] };
        yield return Args("--conditions outside the grid", [.. Run, "--conditions", "0:1000"], "0:1000", "3 conditions");
        yield return Args("--out is a file", ["run", "{exp}", "--backend", "native", "--out", "{exp}"], "exp.yaml");
        yield return Args("--out empty", ["run", "{exp}", "--backend", "native", "--out="], "--out");
        yield return Args("--out followed by an option", ["run", "{exp}", "--backend", "native", "--out", "-v"], "--out");
        yield return Args("--out given twice", [.. Run, "--out", "{dir}/other"], "--out");
        yield return Args("--format unknown", [.. Run, "--format", "xls"], "xls", "netcdf");
        yield return Args("--csv-layout unknown", [.. Run, "--csv-layout", "diagonal"], "diagonal");
        yield return Args("--figure-format unknown", [.. Run, "--figure-format", "gif"], "gif");
        yield return Args("--figure-size zero", [.. Run, "--figure-size", "0x0"], "--figure-size");
        yield return Args("--workers 0", ["run", "{exp}", "--backend", "pyrates", "--workers", "0"], "--workers");
        yield return Args("two files", ["run", "{exp}", "{exp}", "--backend", "native"], "one file");
        yield return Args("compare with a negative tolerance", ["compare", "{exp}", "--tolerance", "-1"], "--tolerance");
        yield return Args("check with a NaN tolerance", ["check", "{exp}", "--tol-abs", "nan"], "--tol-abs");
        yield return Args("check with one backend", ["check", "{exp}", "--backends", "native"], "--backends");
        yield return Args("plot a folder that does not exist", ["plot", "{dir}/nowhere"], "nowhere");
        yield return Args("merge without --out", ["merge", "{dir}"], "--out");
        yield return Args("report of a file that does not exist", ["report", "{dir}/none.yaml"], "none.yaml");
        yield return Args("plan with an option it does not take", ["plan", "{exp}", "--backend", "native"], "--backend");
    }
}
