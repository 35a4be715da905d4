using System.Globalization;

namespace Tvbo.PyRates.Runtime;

/// <summary>One frame of a Python traceback (as <c>traceback.extract_tb</c> gives it), innermost last.</summary>
public sealed class PythonStackFrame
{
    /// <summary>Creates a frame.</summary>
    /// <param name="file">The file name (<c>&lt;string&gt;</c> for code run from a string).</param>
    /// <param name="line">The line number, 1-based (0 when Python does not know it).</param>
    /// <param name="function">The function's name (<c>&lt;module&gt;</c> at module level).</param>
    /// <param name="code">The source line, or <see langword="null"/> when Python cannot read the source.</param>
    public PythonStackFrame(string file, int line, string function, string? code)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(function);
        File = file;
        Line = line;
        Function = function;
        Code = code;
    }

    /// <summary>The file name.</summary>
    public string File { get; }

    /// <summary>The line number, 1-based (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>The function's name.</summary>
    public string Function { get; }

    /// <summary>The source line, or <see langword="null"/>.</summary>
    public string? Code { get; }

    /// <summary>The frame as Python prints it: <c>File "f.py", line 3, in g</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"File \"{File}\", line {Line}, in {Function}");
}
