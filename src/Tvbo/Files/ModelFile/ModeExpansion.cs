using System.Globalization;
using System.Text;
using Tvbo.Expressions;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>
/// A model with <c>number_of_modes: M</c> (TVB's multi-mode models: ReducedSetFitzHughNagumo, ReducedSetHindmarshRose,
/// Stefanescu–Jirsa) rewritten as the single-mode model it means: every state variable <c>x</c> becomes
/// <c>x_m0</c> … <c>x_m{M-1}</c>, each with the equation evaluated in its mode.
/// </summary>
/// <remarks>
/// TVB's meaning, as its models compute with state arrays of shape (node, mode):
/// <list type="bullet">
/// <item>A parameter given as a list of M numbers has one value per mode (<c>iV0</c> → <c>iV0_m0</c> …); a list of M
/// lists of M numbers is a mode matrix, used by <c>mode_dot</c> (<c>Aik</c> → <c>Aik_m0_m1</c> …); a number is shared
/// by every mode.</item>
/// <item><c>mode_dot(x, A)</c> in mode i is numpy's <c>dot(x, A)[i]</c> = Σ_k x_k·A[k, i] (TVB's
/// <c>numpy.dot(xi, self.Aik)</c>); with a number or a shared expression for A it is <c>x_i·A</c>.</item>
/// <item><c>mode_sum(e)</c> is Σ_k e_k, the same in every mode (TVB's <c>numpy.sum(c_0, axis=1)</c>).</item>
/// <item>Derived parameters and variables that depend on a per-mode value are per mode (<c>e_i = iV4/sigma</c> →
/// <c>e_i_m0</c> …); the others are shared. Coupling inputs are shared (a single node's are 0).</item>
/// <item>Everything else about a state variable (initial value, domain, noise, <c>record</c>) is the same in every
/// mode; <c>output:</c> names a per-mode variable in every mode.</item>
/// </list>
/// The copies report the lines of what the file wrote (<see cref="YamlSource.Copy"/>).
/// </remarks>
internal static class ModeExpansion
{
    /// <summary>The most modes a model may declare.</summary>
    public const int MaxModes = 64;

    private static readonly string[] TextKeys = ["rhs", "righthandside", "lhs", "lefthandside", "condition", "expression", "equation"];

    /// <summary>The model's <c>number_of_modes</c> (TVBO's default 1 when absent).</summary>
    /// <param name="src">The file.</param>
    /// <param name="map">The model's mapping.</param>
    /// <param name="name">The model's name, for messages.</param>
    public static int Modes(YamlSource src, YamlMappingNode map, string name)
    {
        if (YamlSource.Get(map, "number_of_modes") is not { } node || YamlSource.IsEmpty(node))
        {
            return 1;
        }

        var m = src.Integer(node, "number_of_modes");
        return m is >= 1 and <= MaxModes
            ? m
            : throw src.Error(node, string.Create(CultureInfo.InvariantCulture, $"model '{name}' has number_of_modes: {m}; give a whole number from 1 to {MaxModes}."));
    }

    /// <summary>The name of a per-mode copy.</summary>
    /// <param name="name">The name the file uses.</param>
    /// <param name="mode">The mode, from 0.</param>
    public static string ModeName(string name, int mode) => string.Create(CultureInfo.InvariantCulture, $"{name}_m{mode}");

    /// <summary>The single-mode model <paramref name="map"/> means with <paramref name="modes"/> modes.</summary>
    /// <param name="src">The file.</param>
    /// <param name="map">The model's mapping.</param>
    /// <param name="name">The model's name, for messages.</param>
    /// <param name="modes">The number of modes (2 or more).</param>
    public static YamlMappingNode Expand(YamlSource src, YamlMappingNode map, string name, int modes) =>
        new Expansion(src, map, name, modes).Run();

    private sealed class Expansion(YamlSource src, YamlMappingNode map, string model, int modes)
    {
        private readonly HashSet<string> _perMode = new(StringComparer.Ordinal);
        private readonly HashSet<string> _matrices = new(StringComparer.Ordinal);
        private readonly HashSet<string> _vectors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Shape> _shapes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public YamlMappingNode Run()
        {
            foreach (var key in new[] { "events", "modes" })
            {
                if (YamlSource.Get(map, key) is { } n && !YamlSource.IsEmpty(n))
                {
                    throw src.Error(n, $"model '{model}' has {modes} modes and '{key}'; '{key}' in a multi-mode model is not supported. Give the model number_of_modes: 1, or leave '{key}' out.");
                }
            }

            var parameters = Section("parameters");
            var derivedParameters = Section("derived_parameters");
            var derivedVariables = Section("derived_variables");
            var states = Section("state_variables");
            foreach (var e in parameters.Concat(derivedParameters).Concat(derivedVariables).Concat(states))
            {
                _names.Add(e.Name);
            }

            foreach (var e in parameters)
            {
                switch (_shapes[e.Name] = ValueShape(e))
                {
                    case Shape.Vector:
                        _perMode.Add(e.Name);
                        _vectors.Add(e.Name);
                        break;
                    case Shape.Matrix:
                        _matrices.Add(e.Name);
                        break;
                }
            }

            foreach (var s in states)
            {
                _perMode.Add(s.Name);
            }

            // Derived values that read a per-mode value (or a mode function) are per mode; repeat until none is added.
            var derived = parameters.Where(p => _shapes[p.Name] == Shape.Equation).Concat(derivedParameters).Concat(derivedVariables).ToArray();
            for (var added = true; added;)
            {
                added = false;
                foreach (var d in derived.Where(d => !_perMode.Contains(d.Name) && IsPerMode(d)))
                {
                    added = _perMode.Add(d.Name);
                }
            }

            var result = new YamlMappingNode();
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value;
                result.Add(src.Copy(k), key switch
                {
                    "parameters" => ExpandSection(parameters, v),
                    "derived_parameters" => ExpandSection(derivedParameters, v),
                    "derived_variables" => ExpandSection(derivedVariables, v),
                    "state_variables" => ExpandSection(states, v),
                    "output" => ExpandOutput(v),
                    _ => src.Copy(v),
                });
            }

            CheckCollisions();
            return result;
        }

        private enum Shape
        {
            Scalar,
            Vector,
            Matrix,
            Equation,
        }

        private List<Entry> Section(string key) =>
            YamlSource.Get(map, key) is { } node ? src.Collection(node, $"'{key}'").Select(e => new Entry(e.Name, e.KeyNode, e.Value)).ToList() : [];

        /// <summary>What a parameter's value is: a number, a list of one per mode, a mode matrix, or an equation.</summary>
        private Shape ValueShape(Entry p)
        {
            var v = ValueNode(p);
            if (v is null)
            {
                return p.Body is YamlMappingNode m && YamlSource.Get(m, "equation") is not null ? Shape.Equation : Shape.Scalar;
            }

            if (v is not YamlSequenceNode seq)
            {
                return Shape.Scalar;
            }

            var what = $"parameter '{p.Name}' of model '{model}' (which has {modes} modes)";
            if (seq.Children.Count != modes)
            {
                throw src.Error(seq, string.Create(CultureInfo.InvariantCulture, $"{what} has {seq.Children.Count} values; give one number per mode ({modes}), a {modes}×{modes} matrix (a list of {modes} lists) for mode_dot, or one number."));
            }

            if (seq.Children.All(c => c is YamlScalarNode))
            {
                return Shape.Vector;
            }

            foreach (var row in seq.Children)
            {
                if (row is not YamlSequenceNode r || r.Children.Count != modes || !r.Children.All(c => c is YamlScalarNode))
                {
                    throw src.Error(row, string.Create(CultureInfo.InvariantCulture, $"{what} mixes numbers and lists; give one number per mode, or {modes} rows of {modes} numbers (a matrix for mode_dot)."));
                }
            }

            return Shape.Matrix;
        }

        private static YamlNode? ValueNode(Entry p) => p.Body switch
        {
            YamlSequenceNode s => s,
            YamlScalarNode s => s,
            YamlMappingNode m => YamlSource.Get(m, "value") ?? YamlSource.Get(m, "default"),
            _ => null,
        };

        private bool IsPerMode(Entry d)
        {
            foreach (var text in Texts(d.Body))
            {
                foreach (var t in Tokens(text.Value!, d.Name))
                {
                    if (t.Kind == TokenKind.Name && (_perMode.Contains(t.Text) || _matrices.Contains(t.Text) || t.Text is "mode_dot" or "mode_sum"))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The equation texts in an entry's body (right-hand sides, conditions, case expressions).</summary>
        private static IEnumerable<YamlScalarNode> Texts(YamlNode? node)
        {
            switch (node)
            {
                case YamlMappingNode m:
                    foreach (var (k, v) in m.Children)
                    {
                        if (v is YamlScalarNode s && k is YamlScalarNode { Value: { } key } && TextKeys.Contains(key) && s.Value is not null)
                        {
                            yield return s;
                        }
                        else
                        {
                            foreach (var t in Texts(v))
                            {
                                yield return t;
                            }
                        }
                    }

                    break;
                case YamlSequenceNode seq:
                    foreach (var t in seq.Children.SelectMany(Texts))
                    {
                        yield return t;
                    }

                    break;
            }
        }

        private YamlNode ExpandSection(List<Entry> entries, YamlNode original)
        {
            var section = new YamlMappingNode();
            foreach (var e in entries)
            {
                if (_matrices.Contains(e.Name))
                {
                    for (var k = 0; k < modes; k++)
                    {
                        for (var i = 0; i < modes; i++)
                        {
                            var cell = ((YamlSequenceNode)((YamlSequenceNode)ValueNode(e)!).Children[k]).Children[i];
                            section.Add(src.Scalar(ModeName(ModeName(e.Name, k), i), e.Key), WithValue(e, cell, string.Create(CultureInfo.InvariantCulture, $"row {k}, column {i} of the mode matrix {e.Name}")));
                        }
                    }
                }
                else if (_perMode.Contains(e.Name))
                {
                    for (var k = 0; k < modes; k++)
                    {
                        var mode = k;
                        var body = _vectors.Contains(e.Name)
                            ? WithValue(e, ((YamlSequenceNode)ValueNode(e)!).Children[k], string.Create(CultureInfo.InvariantCulture, $"{e.Name} in mode {k}"))
                            : e.Body is null ? null : src.Copy(e.Body, (key, text) => Rewrite(e, key, text, mode));
                        section.Add(src.Scalar(ModeName(e.Name, k), e.Key), body ?? new YamlScalarNode());
                    }
                }
                else
                {
                    section.Add(src.Scalar(e.Name, e.Key), e.Body is null ? new YamlScalarNode() : src.Copy(e.Body));
                }
            }

            return section.Children.Count == 0 ? src.Copy(original) : section;
        }

        /// <summary>An entry's body with its value replaced by one number of its list or matrix.</summary>
        private YamlNode WithValue(Entry e, YamlNode number, string description)
        {
            if (e.Body is not YamlMappingNode m)
            {
                return src.Copy(number);
            }

            var body = new YamlMappingNode();
            foreach (var (k, v) in m.Children)
            {
                var key = (k as YamlScalarNode)?.Value;
                if (key is "value" or "default")
                {
                    body.Add(src.Copy(k), src.Copy(number));
                }
                else if (key is "description")
                {
                    body.Add(src.Copy(k), src.Scalar($"{description}: {(v as YamlScalarNode)?.Value}", v));
                }
                else if (key is not "name")
                {
                    body.Add(src.Copy(k), src.Copy(v));
                }
            }

            return body;
        }

        private string Rewrite(Entry e, string? key, string text, int mode) => key switch
        {
            "name" => ModeName(e.Name, mode),
            _ when key is not null && TextKeys.Contains(key) => ForMode(text, mode, e),
            _ => text,
        };

        private YamlNode ExpandOutput(YamlNode output)
        {
            var names = output is YamlSequenceNode seq ? seq.Children : [output];
            var list = new YamlSequenceNode();
            foreach (var n in names)
            {
                var name = src.Text(n, "an entry of 'output'").Trim();
                if (_perMode.Contains(name))
                {
                    for (var k = 0; k < modes; k++)
                    {
                        list.Add(src.Scalar(ModeName(name, k), n));
                    }
                }
                else
                {
                    list.Add(src.Copy(n));
                }
            }

            return list;
        }

        /// <summary>An equation's text in one mode: per-mode names get the mode's suffix, <c>mode_dot</c> and
        /// <c>mode_sum</c> are written out over the modes.</summary>
        private string ForMode(string text, int mode, Entry e)
        {
            var tokens = Tokens(text, e.Name);
            var sb = new StringBuilder();
            var at = 0;
            for (var t = 0; t < tokens.Count; t++)
            {
                var token = tokens[t];
                if (token.Kind != TokenKind.Name)
                {
                    continue;
                }

                sb.Append(text, at, token.Position - at);
                at = token.Position + token.Text.Length;
                if (token.Text is "mode_dot" or "mode_sum" && t + 1 < tokens.Count && tokens[t + 1].Kind == TokenKind.LeftParenthesis)
                {
                    var (arguments, close) = Arguments(text, tokens, t + 1, token.Text, e);
                    sb.Append(token.Text == "mode_sum" ? ModeSum(arguments, e) : ModeDot(arguments, mode, e));
                    at = tokens[close].Position + 1;
                    while (t + 1 < tokens.Count && tokens[t + 1].Position <= tokens[close].Position)
                    {
                        t++;
                    }
                }
                else if (_matrices.Contains(token.Text))
                {
                    throw Error(e, $"uses the mode matrix '{token.Text}' outside mode_dot; a matrix (a list of lists) is used as mode_dot(x, {token.Text}).");
                }
                else
                {
                    sb.Append(_perMode.Contains(token.Text) ? ModeName(token.Text, mode) : token.Text);
                }
            }

            sb.Append(text, at, text.Length - at);
            return sb.ToString();
        }

        private string ModeSum(List<string> arguments, Entry e) =>
            arguments.Count == 1
                ? "(" + string.Join(" + ", Enumerable.Range(0, modes).Select(k => $"({ForMode(arguments[0], k, e)})")) + ")"
                : throw Error(e, $"calls mode_sum with {arguments.Count} arguments; mode_sum(x) takes one (the sum of x over the modes).");

        private string ModeDot(List<string> arguments, int mode, Entry e)
        {
            if (arguments.Count != 2)
            {
                throw Error(e, $"calls mode_dot with {arguments.Count} argument{(arguments.Count == 1 ? "" : "s")}; mode_dot(x, A) takes two (x per mode, A a {modes}×{modes} matrix).");
            }

            var matrix = arguments[1].Trim();
            if (_matrices.Contains(matrix))
            {
                return "(" + string.Join(" + ", Enumerable.Range(0, modes).Select(k => $"({ForMode(arguments[0], k, e)})*{ModeName(ModeName(matrix, k), mode)}")) + ")";
            }

            // numpy's dot with a number (or an expression of one value per mode) is the product.
            return $"(({ForMode(arguments[0], mode, e)})*({ForMode(arguments[1], mode, e)}))";
        }

        /// <summary>The texts of a call's arguments, split at the commas outside parentheses, and the index of its ')'.</summary>
        private (List<string> Arguments, int Close) Arguments(string text, IReadOnlyList<Token> tokens, int open, string function, Entry e)
        {
            var arguments = new List<string>();
            var start = tokens[open].Position + 1;
            var depth = 0;
            for (var t = open; t < tokens.Count; t++)
            {
                switch (tokens[t].Kind)
                {
                    case TokenKind.LeftParenthesis:
                        depth++;
                        break;
                    case TokenKind.Comma when depth == 1:
                        arguments.Add(text[start..tokens[t].Position]);
                        start = tokens[t].Position + 1;
                        break;
                    case TokenKind.RightParenthesis when --depth == 0:
                        arguments.Add(text[start..tokens[t].Position]);
                        return (arguments, t);
                }
            }

            throw Error(e, $"has a {function}( without its closing ')'.");
        }

        private IReadOnlyList<Token> Tokens(string text, string owner)
        {
            try
            {
                return Lexer.Tokenize(text, owner);
            }
            catch (ExpressionSyntaxException)
            {
                return []; // the reader reports it where the text is parsed
            }
        }

        private TvboFileException Error(Entry e, string problem) => src.Error(e.Key, $"'{e.Name}' of model '{model}' {problem}");

        /// <summary>A per-mode name that the file also uses for something else would make two symbols one.</summary>
        private void CheckCollisions()
        {
            var copies = _perMode.SelectMany(n => Enumerable.Range(0, modes).Select(k => (n, ModeName(n, k))))
                .Concat(_matrices.SelectMany(n => Enumerable.Range(0, modes * modes).Select(c => (n, ModeName(ModeName(n, c / modes), c % modes)))));
            foreach (var (name, copy) in copies)
            {
                if (_names.Contains(copy))
                {
                    throw src.Error(map, $"model '{model}' has {modes} modes, so '{name}' becomes '{copy}', but the model also declares '{copy}'; rename one.");
                }
            }
        }
    }

    private sealed record Entry(string Name, YamlNode Key, YamlNode? Body);
}
