using ScottPlot;
using SkiaSharp;

namespace Tvbo.Figures;

/// <summary>Fonts, colours and panel styling shared by every figure.</summary>
internal static class Style
{
    private static readonly Lazy<string> Family = new(PickFamily);

    /// <summary>Colours of the outputs (Tableau 10), by output index.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    public static readonly Color Text = Color.FromHex("#222222");
    public static readonly Color Muted = Color.FromHex("#555555");
    public static readonly Color Failed = Color.FromHex("#c0392b");
    public static readonly Color Start = Color.FromHex("#2ca02c");
    public static readonly Color End = Color.FromHex("#d62728");

    /// <summary>The sans-serif family used for all text: DejaVu Sans, Liberation Sans, Arial… whichever is installed.</summary>
    public static string FontFamily => Family.Value;

    public static Color Output(int index) => Palette[index % Palette.Length];

    /// <summary>Styles a panel: font, sizes, an optional title, fixed padding so that panels of a grid line up.</summary>
    public static void Panel(Plot plot, string? title, float tickSize = 11, float labelSize = 12, float titleSize = 13, PixelPadding? padding = null)
    {
        plot.Font.Set(FontFamily);
        if (title is not null)
        {
            plot.Axes.Title.Label.Text = title;
            plot.Axes.Title.Label.FontSize = titleSize;
            plot.Axes.Title.Label.Bold = false;
            plot.Axes.Title.Label.ForeColor = Text;
        }

        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right, plot.Axes.Top })
        {
            axis.TickLabelStyle.FontSize = tickSize;
            axis.TickLabelStyle.ForeColor = Text;
            axis.Label.FontSize = labelSize;
            axis.Label.Bold = false;
            axis.Label.ForeColor = Text;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Labels.Number(v), TickDensity = 0.7 };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Labels.Number(v) };
        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.08);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        if (padding is { } p)
        {
            plot.Layout.Fixed(p);
        }
    }

    public static SKTypeface Typeface(bool bold) =>
        SKTypeface.FromFamilyName(FontFamily, bold ? SKFontStyleWeight.Bold : SKFontStyleWeight.Normal, SKFontStyleWidth.Normal, SKFontStyleSlant.Upright)
        ?? SKTypeface.Default;

    private static string PickFamily()
    {
        string[] preferred = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Lato", "FreeSans"];
        try
        {
            var installed = new HashSet<string>(SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
            foreach (var name in preferred)
            {
                if (installed.Contains(name))
                {
                    return name;
                }
            }
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or InvalidOperationException)
        {
            // Fall through to ScottPlot's own choice.
        }

        return Fonts.Default;
    }
}
