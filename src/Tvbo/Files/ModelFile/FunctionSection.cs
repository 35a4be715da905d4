using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model's <c>functions:</c>: each with <c>arguments</c> and an equation, inlined where called. A body
/// may call functions defined anywhere in the block (they are added in dependency order; a cycle is an error).</summary>
internal static class FunctionSection
{
    /// <summary>A function read, waiting for the functions it calls.</summary>
    private sealed record Pending(string Name, YamlNode Key, string[] Args, string Body, YamlNode BodyNode);

    /// <summary>Reads <c>functions:</c> into the model.</summary>
    /// <param name="b">The model being read.</param>
    /// <param name="node">The <c>functions:</c> value.</param>
    public static void Read(ModelBuilder b, YamlNode node)
    {
        var pending = new List<Pending>();
        foreach (var (fname, key, body) in b.Source.Collection(node, "'functions'"))
        {
            if (ReadOne(b, fname, key, body) is { } f)
            {
                pending.Add(f);
            }
        }

        AddInOrder(b, pending);
    }

    /// <summary>One function, or <see langword="null"/> for one without an equation (a warning).</summary>
    private static Pending? ReadOne(ModelBuilder b, string fname, YamlNode key, YamlNode? body)
    {
        var src = b.Source;
        var what = $"function '{fname}'";
        var m = body is null ? throw src.Error(key, $"{what} has no equation.") : src.Mapping(body, what);
        b.SchemaKeys(m, what, TvboSchema.Function);
        var args = Arguments(src, m, what);
        var eq = YamlSource.Get(m, "equation");
        if (eq is null)
        {
            if (YamlSource.Get(m, "callable") is { } callable)
            {
                throw src.Error(callable, $"{what} is a Python callable; only functions with an equation can be used.");
            }

            src.Warn(key, $"{what} has no equation; TVBO puts only its name in scope, so calling it is an error.");
            return null;
        }

        var (text, textNode) = EquationReader.Read(b, eq, what, fname, isDerivative: false);
        return new Pending(fname, key, args, text, textNode);
    }

    /// <summary>The argument names: a list of names or of <c>{name: ...}</c>, or a mapping keyed by name.</summary>
    private static string[] Arguments(YamlSource src, YamlMappingNode m, string what) =>
        YamlSource.Get(m, "arguments") is { } an
            ? (an is YamlSequenceNode seq ? seq.Children : src.Mapping(an, $"the arguments of {what}").Children.Keys)
                .Select(a => a is YamlMappingNode am
                    ? src.Text(YamlSource.Get(am, "name") ?? throw src.Error(a, $"an argument of {what} has no 'name:'."), $"an argument name of {what}")
                    : src.Text(a, $"an argument of {what}"))
                .ToArray()
            : [];

    /// <summary>Adds the functions, each after the functions it calls.</summary>
    private static void AddInOrder(ModelBuilder b, List<Pending> pending)
    {
        while (pending.Count > 0)
        {
            var ready = pending.FindIndex(f => !pending.Any(o => Calls(f.Body, o.Name))); // a function calling itself is a cycle too
            if (ready < 0)
            {
                var f0 = pending[0];
                throw b.Source.Error(f0.Key, $"functions {string.Join(", ", pending.Select(p => $"'{p.Name}'"))} call each other in a cycle; a function may only call functions that do not call it.");
            }

            var f = pending[ready];
            pending.RemoveAt(ready);
            try
            {
                b.Model.AddFunction(f.Name, f.Args, f.Body);
            }
            catch (TvboException ex)
            {
                throw b.Source.Error(f.BodyNode, ex.Message, ex);
            }
        }
    }

    private static bool Calls(string body, string name) => Regex.IsMatch(body, $@"(?<![\w]){Regex.Escape(name)}\s*\(");
}
