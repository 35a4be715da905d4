namespace Tvbo.IO;

/// <summary>How <c>series.csv</c> lays out the series [condition, time, variable].</summary>
public enum CsvLayout
{
    /// <summary>One row per sample: <c>time</c>, then a column <c>&lt;variable&gt;|&lt;condition&gt;</c> for every
    /// variable and condition (variable-major). The default, and the layout of earlier versions.</summary>
    Wide,

    /// <summary>One row per condition, sample and variable: <c>condition,time,variable,value</c> (what pandas calls
    /// long or melted data: <c>df.pivot_table(index=["condition", "time"], columns="variable")</c>).</summary>
    Long,

    /// <summary>One row per condition and sample, one column per variable: <c>condition,time,&lt;v1&gt;,&lt;v2&gt;,...</c>
    /// (tidy data: <c>df.groupby("condition")</c>).</summary>
    Tidy,
}
