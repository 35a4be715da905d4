using ScottPlot;
using SkiaSharp;

namespace Tvbo.Figures;

/// <summary>What a legend entry of a figure's header looks like.</summary>
internal enum LegendGlyph
{
    /// <summary>Text only.</summary>
    None,
    Line,
    Dashed,
    Thick,
    Band,
    Circle,
    Square,
}

/// <summary>One entry of a figure's header legend.</summary>
internal readonly record struct LegendEntry(string Text, Color Color, LegendGlyph Glyph);

/// <summary>
/// A figure: a header (title, subtitle, legend) above a grid of ScottPlot panels, rendered onto one Skia canvas
/// and saved as PNG and/or SVG.
/// </summary>
internal sealed class FigureCanvas : IDisposable
{
    private const float Margin = 10;

    public FigureCanvas(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        Panels = new Plot?[rows * columns];
    }

    /// <summary>The width the figure is laid out in (set before <see cref="HeaderHeight"/> is read: it picks the font
    /// sizes); the image is this times <see cref="Scale"/> pixels wide.</summary>
    public int Width { get; set; } = 800;

    /// <summary>The height the figure is laid out in; the image is this times <see cref="Scale"/> pixels high.</summary>
    public int Height { get; set; } = 600;

    /// <summary>How much larger than its layout the image is drawn: text, lines and markers grow with it (1 at the
    /// default size; see <see cref="SetSize"/>).</summary>
    public float Scale { get; private set; } = 1;

    /// <summary>The image's width in pixels.</summary>
    public int PixelWidth => _pixels?.Width ?? (int)Math.Round(Width * Scale);

    /// <summary>The image's height in pixels.</summary>
    public int PixelHeight => _pixels?.Height ?? (int)Math.Round(Height * Scale);

    /// <summary>Sets the size: the asked width and height in pixels, or the figure's default. A figure asked larger than
    /// its default in both directions is laid out at the default's scale and drawn larger (by the smaller of the two
    /// ratios, at most 4), so its text grows with it as on a screen of higher resolution; the image still has exactly
    /// the pixels asked for.</summary>
    /// <param name="width">The asked width, or null for the default.</param>
    /// <param name="height">The asked height, or null for the default.</param>
    /// <param name="defaultWidth">The figure's default width.</param>
    /// <param name="defaultHeight">The figure's default height.</param>
    public void SetSize(int? width, int? height, int defaultWidth, int defaultHeight)
    {
        var (w, h) = (width ?? defaultWidth, height ?? defaultHeight);
        Scale = Math.Clamp(Math.Min((float)w / defaultWidth, (float)h / defaultHeight), 1f, 4f);
        Width = (int)Math.Round(w / Scale);
        Height = (int)Math.Round(h / Scale);
        Scale = Math.Min((float)w / Width, (float)h / Height);
        _pixels = (w, h);
    }

    private (int Width, int Height)? _pixels;

    public int Rows { get; }

    public int Columns { get; }

    public string Title { get; set; } = string.Empty;

    public string? Subtitle { get; set; }

    /// <summary>A note in red under the subtitle (failed conditions).</summary>
    public string? Warning { get; set; }

    public List<LegendEntry> Legend { get; } = [];

    /// <summary>The panels, row by row; a <see langword="null"/> cell stays empty.</summary>
    public Plot?[] Panels { get; }

    /// <summary>The header height for a figure with this content.</summary>
    public float HeaderHeight => 12 + TitleSize + 6 + (SubtitleLines().Count * (SubtitleSize + 6)) + (Warning is null ? 0 : SubtitleSize + 6) + (LegendRows().Count * (LegendSize + 10)) + 4;

    /// <summary>The most rows of legend entries; entries beyond them are counted ("+ 170 more").</summary>
    private const int MaxLegendRows = 3;

    private const float LegendGlyphWidth = 22, LegendGap = 6, LegendSpacing = 18;

    private float TitleSize => Width < 500 ? 15 : 18;

    private float SubtitleSize => Width < 500 ? 11 : 13;

    private float LegendSize => Width < 500 ? 11 : 13;

    /// <summary>The size a panel gets for this figure (for the panels' decimation).</summary>
    public (float Width, float Height) PanelSize => ((Width - (2 * Margin) - FirstColumnExtra) / Columns, (Height - HeaderHeight - Margin) / Rows);

    /// <summary>Pixels the first column is wider than the others (for what only it carries, such as a shared axis'
    /// labels), so that every panel keeps the same plot width.</summary>
    public int FirstColumnExtra { get; set; }

    /// <summary>Writes the figure as <c>basePath.png</c> and/or <c>basePath.svg</c>.</summary>
    /// <returns>The paths written.</returns>
    public IReadOnlyList<string> Save(string basePath, FigureFormats formats)
    {
        var written = new List<string>();
        if (formats.HasFlag(FigureFormats.Png))
        {
            var path = basePath + ".png";
            SavePng(path);
            written.Add(path);
        }

        if (formats.HasFlag(FigureFormats.Svg))
        {
            var path = basePath + ".svg";
            SaveSvg(path);
            written.Add(path);
        }

        return written;
    }

    /// <summary>Writes the figure as a PNG: into a temporary file next to <paramref name="path"/>, renamed into place,
    /// so a cut write leaves the earlier file or the new one.</summary>
    public void SavePng(string path)
    {
        using var surface = SKSurface.Create(new SKImageInfo(PixelWidth, PixelHeight, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not create a {PixelWidth} x {PixelHeight} image.");
        surface.Canvas.Scale(Scale);
        Render(surface.Canvas);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels() ?? throw new InvalidOperationException("Skia gave no pixels to encode.");
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 1)) ?? throw new InvalidOperationException("Skia could not encode the PNG.");
        WriteInPlace(path, file => data.SaveTo(file));
    }

    /// <summary>Writes the figure as an SVG, as <see cref="SavePng"/> does.</summary>
    public void SaveSvg(string path) =>
        WriteInPlace(path, file =>
        {
            using var canvas = SKSvgCanvas.Create(new SKRect(0, 0, PixelWidth, PixelHeight), file);
            canvas.Scale(Scale);
            Render(canvas);
        });

    /// <summary>Writes through a temporary name and renames it into place (the temporary file removed on failure).</summary>
    private static void WriteInPlace(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        try
        {
            using (var file = File.Create(temporary))
            {
                write(file);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public void Render(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        var y = DrawHeader(canvas);
        var cellWidth = (Width - (2 * Margin) - FirstColumnExtra) / Columns;
        var cellHeight = (Height - y - Margin) / Rows;
        var cells = new List<(Plot Plot, PixelRect Rect)>();
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                if (Panels[(r * Columns) + c] is { } plot)
                {
                    var left = Margin + (c * cellWidth) + (c > 0 ? FirstColumnExtra : 0);
                    var top = y + (r * cellHeight);
                    cells.Add((plot, new PixelRect(left, left + cellWidth + (c == 0 ? FirstColumnExtra : 0), top + cellHeight, top)));
                }
            }
        }

        // ScottPlot renders a plot twice the first time (the first pass lays out the axes): that pass goes to a
        // canvas that draws nothing, so a panel is rasterised (and written to an SVG) once. The layout gives each
        // panel's room for its labels; the panel titles of one figure share one size, the smallest any of them needs.
        var laidOut = cells.Where(c => c.Plot.RenderManager.RenderCount == 0).ToList();
        foreach (var (plot, rect) in laidOut)
        {
            using var layout = new SKNoDrawCanvas(Width, Height);
            plot.Render(layout, rect);
        }

        FitLabels(laidOut.Select(c => (c.Plot, c.Rect, c.Plot.RenderManager.LastRender.DataRect)).ToList());
        foreach (var (plot, rect) in cells)
        {
            canvas.Save();
            canvas.ClipRect(rect.ToSKRect());
            plot.Render(canvas, rect);
            canvas.Restore();
        }
    }

    /// <summary>The smallest font size text is shrunk to before it is shortened with an ellipsis.</summary>
    internal const float MinTextSize = 7;

    /// <summary>A panel's title and axis labels fitted to its cell: each is centred on the data area, so it has twice
    /// the distance from the data area's centre to the nearer edge of the cell (across for the title and the bottom
    /// label, up and down for the left one); measured in its font, a label wider than that is shrunk down to
    /// <see cref="MinTextSize"/>, then shortened with "…".</summary>
    internal static void FitLabels(Plot plot, PixelRect cell, PixelRect data) => FitLabels([(plot, cell, data)]);

    /// <summary>The panels of one figure fitted as <see cref="FitLabels(Plot, PixelRect, PixelRect)"/> fits one, their
    /// titles at one size: the smallest any of them needs (then each shortened with "…" where even that is too wide).</summary>
    internal static void FitLabels(IReadOnlyList<(Plot Plot, PixelRect Cell, PixelRect Data)> panels)
    {
        var titleSize = float.MaxValue;
        var across = new float[panels.Count];
        for (var k = 0; k < panels.Count; k++)
        {
            var (plot, cell, data) = panels[k];
            across[k] = (2 * Math.Min(data.HorizontalCenter - cell.Left, cell.Right - data.HorizontalCenter)) - 8;
            var upDown = (2 * Math.Min(data.VerticalCenter - cell.Top, cell.Bottom - data.VerticalCenter)) - 8;
            Fit(plot.Axes.Bottom.Label, across[k]);
            Fit(plot.Axes.Left.Label, upDown);
            var title = plot.Axes.Title.Label;
            if (!string.IsNullOrEmpty(title.Text) && across[k] > 0)
            {
                titleSize = Math.Min(titleSize, FitText(title.Text, title.Bold, title.FontSize, across[k]).Size);
            }
        }

        for (var k = 0; k < panels.Count; k++)
        {
            var title = panels[k].Plot.Axes.Title.Label;
            if (!string.IsNullOrEmpty(title.Text) && across[k] > 0)
            {
                Fit(title, across[k], Math.Min(titleSize, title.FontSize));
            }
        }
    }

    private static void Fit(LabelStyle label, float available, float? size0 = null)
    {
        if (string.IsNullOrEmpty(label.Text) || available <= 0)
        {
            return;
        }

        var (text, size) = FitText(label.Text, label.Bold, size0 ?? label.FontSize, available);
        label.Text = text;
        label.FontSize = size;
    }

    /// <summary>The text and font size that fit <paramref name="available"/> pixels: the text at the largest size
    /// from <paramref name="size"/> down to <see cref="MinTextSize"/> (in half points) that fits, else shortened with
    /// "…" at that smallest size.</summary>
    internal static (string Text, float Size) FitText(string text, bool bold, float size, float available)
    {
        using var face = Style.Typeface(bold);
        using var font = new SKFont(face, size);
        while (Widest(font, text) > available && font.Size > MinTextSize)
        {
            font.Size = Math.Max(MinTextSize, font.Size - 0.5f);
        }

        if (Widest(font, text) <= available)
        {
            return (text, font.Size);
        }

        var keep = text.Length;
        while (keep > 1 && font.MeasureText(text[..keep] + "…") > available)
        {
            keep--;
        }

        return (text[..keep].TrimEnd() + "…", font.Size);
    }

    // The width of the widest line.
    private static float Widest(SKFont font, string text) => text.Split('\n').Max(l => font.MeasureText(l));

    /// <summary>The width of <paramref name="text"/> in pixels in the figures' font.</summary>
    internal static float MeasureText(string text, bool bold, float size)
    {
        using var face = Style.Typeface(bold);
        using var font = new SKFont(face, size);
        return font.MeasureText(text);
    }

    public void Dispose()
    {
        foreach (var p in Panels)
        {
            p?.Dispose();
        }
    }

    private float DrawHeader(SKCanvas canvas)
    {
        using var titleFace = Style.Typeface(bold: true);
        using var face = Style.Typeface(bold: false);
        using var paint = new SKPaint { IsAntialias = true, Color = ToSk(Style.Text) };
        var y = 12f;
        y += TitleSize;
        DrawCentered(canvas, Title, titleFace, TitleSize, y, paint);
        y += 6;
        foreach (var line in SubtitleLines())
        {
            y += SubtitleSize;
            paint.Color = ToSk(Style.Muted);
            DrawCentered(canvas, line, face, SubtitleSize, y, paint);
            y += 6;
        }

        if (Warning is not null)
        {
            y += SubtitleSize;
            paint.Color = ToSk(Style.Failed);
            DrawCentered(canvas, Warning, face, SubtitleSize, y, paint);
            y += 6;
        }

        foreach (var row in LegendRows())
        {
            y += 4 + LegendSize;
            DrawLegend(canvas, face, y, row);
            y += 6;
        }

        return y + 4;
    }

    /// <summary>The subtitle in lines that fit the width: broken at its " · " separators where it is too long.</summary>
    private List<string> SubtitleLines()
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(Subtitle))
        {
            return lines;
        }

        using var face = Style.Typeface(bold: false);
        using var font = new SKFont(face, SubtitleSize);
        var available = Width - (2 * Margin);
        const string Separator = " · ";
        var current = string.Empty;
        foreach (var part in Subtitle.Split(Separator))
        {
            var candidate = current.Length == 0 ? part : current + Separator + part;
            if (current.Length > 0 && font.MeasureText(candidate) > available)
            {
                lines.Add(current);
                current = part;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }

    private void DrawCentered(SKCanvas canvas, string text, SKTypeface face, float size, float baseline, SKPaint paint)
    {
        var available = Width - (2 * Margin);
        (text, var fitted) = FitText(text, face.IsBold, size, available);
        using var font = new SKFont(face, fitted);
        var width = font.MeasureText(text);

        canvas.DrawText(text, Math.Max(Margin, (Width - width) / 2), baseline, SKTextAlign.Left, font, paint);
    }

    /// <summary>The legend in rows that fit the width, at most <see cref="MaxLegendRows"/>; when entries are left over,
    /// the last row ends with a count of them (an entry with no glyph).</summary>
    private List<List<LegendEntry>> LegendRows()
    {
        var rows = new List<List<LegendEntry>>();
        if (Legend.Count == 0)
        {
            return rows;
        }

        using var face = Style.Typeface(bold: false);
        using var font = new SKFont(face, LegendSize);
        var available = Width - (2 * Margin);
        float Entry(LegendEntry e) => LegendGlyphWidth + LegendGap + font.MeasureText(e.Text);
        var row = new List<LegendEntry>();
        var used = 0f;
        for (var i = 0; i < Legend.Count; i++)
        {
            var w = Entry(Legend[i]);
            if (row.Count > 0 && used + LegendSpacing + w > available)
            {
                rows.Add(row);
                (row, used) = ([], 0f);
                if (rows.Count == MaxLegendRows)
                {
                    var last = rows[^1];
                    var more = new LegendEntry($"+ {Legend.Count - i + 1} more", Style.Muted, LegendGlyph.None);
                    last[^1] = more; // the count takes the place of the row's last entry
                    return rows;
                }
            }

            row.Add(Legend[i]);
            used += (row.Count > 1 ? LegendSpacing : 0) + w;
        }

        rows.Add(row);
        return rows;
    }

    private void DrawLegend(SKCanvas canvas, SKTypeface face, float baseline, List<LegendEntry> row)
    {
        using var font = new SKFont(face, LegendSize);
        var widths = row.Select(e => (e.Glyph == LegendGlyph.None ? 0 : LegendGlyphWidth + LegendGap) + font.MeasureText(e.Text)).ToArray();
        var total = widths.Sum() + (LegendSpacing * (row.Count - 1));
        var x = Math.Max(Margin, (Width - total) / 2);
        var mid = baseline - (LegendSize * 0.35f);
        using var text = new SKPaint { IsAntialias = true, Color = ToSk(Style.Text) };
        for (var i = 0; i < row.Count; i++)
        {
            var e = row[i];
            using var paint = new SKPaint { IsAntialias = true, Color = ToSk(e.Color), StrokeWidth = 2, Style = SKPaintStyle.Stroke };
            const float glyph = LegendGlyphWidth;
            switch (e.Glyph)
            {
                case LegendGlyph.None:
                    canvas.DrawText(e.Text, x, baseline, SKTextAlign.Left, font, text);
                    x += widths[i] + LegendSpacing;
                    continue;
                case LegendGlyph.Line:
                    canvas.DrawLine(x, mid, x + glyph, mid, paint);
                    break;
                case LegendGlyph.Thick:
                    paint.StrokeWidth = 3.5f;
                    canvas.DrawLine(x, mid, x + glyph, mid, paint);
                    break;
                case LegendGlyph.Dashed:
                    paint.PathEffect = SKPathEffect.CreateDash([5, 3], 0);
                    canvas.DrawLine(x, mid, x + glyph, mid, paint);
                    break;
                case LegendGlyph.Band:
                    paint.Style = SKPaintStyle.Fill;
                    canvas.DrawRect(x, mid - 5, glyph, 10, paint);
                    break;
                case LegendGlyph.Circle:
                    paint.Style = SKPaintStyle.Fill;
                    canvas.DrawCircle(x + (glyph / 2), mid, 5, paint);
                    break;
                case LegendGlyph.Square:
                    paint.Style = SKPaintStyle.Fill;
                    canvas.DrawRect(x + (glyph / 2) - 5, mid - 5, 10, 10, paint);
                    break;
            }

            canvas.DrawText(e.Text, x + glyph + LegendGap, baseline, SKTextAlign.Left, font, text);
            x += widths[i] + LegendSpacing;
        }
    }

    private static SKColor ToSk(Color c) => new(c.R, c.G, c.B, c.A);
}
