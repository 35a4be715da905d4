using System.Globalization;

namespace Tvbo.Observables;

/// <summary>The settled window every built-in function reads: the last <c>window</c> fraction of the samples.</summary>
internal static class Window
{
    /// <summary>The <c>window</c> argument (default 1: every sample) of a function whose result is taken over it.</summary>
    /// <param name="what">What is taken over the window, for the description ("the statistic is taken").</param>
    public static ObservableArgument Argument(string what) =>
        new("window", 1.0, $"The fraction of the samples, counted from the end, {what} over (0 < window ≤ 1; 0.2: the last fifth).");

    /// <summary>The first sample of the window.</summary>
    /// <param name="context">The run's context (its <c>window</c> argument).</param>
    /// <param name="function">The function, for the message.</param>
    /// <exception cref="ObservableException">The fraction is not in (0, 1] or the window is empty.</exception>
    public static int Start(ObservableContext context, string function)
    {
        var fraction = context.Argument("window");
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{function}: argument 'window' is {fraction}; it is the fraction of the samples (from the end) to use, 0 < window ≤ 1."));
        }

        var count = (int)Math.Ceiling(fraction * context.Samples);
        if (count < 1)
        {
            throw new ObservableException($"{function}: the window holds no sample (the run has {context.Samples}).");
        }

        return context.Samples - count;
    }
}
