using System.Collections;
using System.Reflection;
using PureHDF;

namespace Tvbo.IO;

/// <summary>
/// Lets one PureHDF file hold fixed-length strings of 16 bytes and variable-length strings side by side.
/// </summary>
/// <remarks>
/// HDF5's dimension-scale API (<c>H5DSis_scale</c>, which netCDF-C and so <c>xarray</c>'s default engine rely on)
/// accepts a dataset as a dimension only when its <c>CLASS</c> attribute is a null-terminated fixed-length string of
/// exactly 16 bytes (<c>"DIMENSION_SCALE"</c>). PureHDF 2.2 applies one string width to a whole file
/// (<see cref="H5WriteOptions.DefaultStringLength"/>): 16 would truncate every other text attribute, 0
/// (variable-length) makes the scales invisible to netCDF-C. PureHDF creates each object's datatypes when it encodes
/// the object, objects in the order they were added, and it enumerates a dataset's data (a generic
/// <see cref="IEnumerable{T}"/>) first; so each small dataset's data is wrapped in <see cref="Data{T}"/>, which sets
/// the width for that dataset's own attributes and strings as it is read: 16 for dimension scales, 0 for everything
/// else. The option's backing field is set by reflection; the version of PureHDF is pinned in
/// <c>Directory.Packages.props</c>, and the tests (netCDF-C reading the files through xarray, and a check of the
/// attribute's type) fail if this stops working.
/// </remarks>
internal static class PureHdfStringWidth
{
    /// <summary>The width of a dimension scale's <c>CLASS</c> attribute.</summary>
    public const int DimensionScale = 16;

    /// <summary>Variable-length strings.</summary>
    public const int Variable = 0;

    private static readonly FieldInfo? WidthField = typeof(H5WriteOptions).GetField("<DefaultStringLength>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Write options of one file (the width starts variable: the root group's attributes come first).</summary>
    /// <exception cref="InvalidOperationException">This PureHDF version stores the option differently.</exception>
    public static H5WriteOptions NewOptions()
    {
        if (WidthField is null || WidthField.FieldType != typeof(int))
        {
            throw new InvalidOperationException(
                $"PureHDF {typeof(H5WriteOptions).Assembly.GetName().Version} has no settable DefaultStringLength; Tvbo's NetCDF writer needs PureHDF 2.2 (see Tvbo.IO.PureHdfStringWidth).");
        }

        return new H5WriteOptions(DefaultStringLength: Variable, PreferCompactDatasetLayout: false);
    }

    /// <summary>Sets the width of strings whose datatypes PureHDF creates from now on.</summary>
    /// <param name="options">The file's options.</param>
    /// <param name="width">The width (0: variable-length).</param>
    public static void Set(H5WriteOptions options, int width) => WidthField!.SetValue(options, width);

    /// <summary>A dataset's values that set the string width when PureHDF reads them.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="options">The file's options.</param>
    /// <param name="width">The width for this dataset's attributes and strings.</param>
    /// <param name="values">The values.</param>
    public sealed class Data<T>(H5WriteOptions options, int width, T[] values) : IEnumerable<T>
    {
        /// <inheritdoc/>
        public IEnumerator<T> GetEnumerator()
        {
            Set(options, width);
            return ((IEnumerable<T>)values).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A text attribute of the given width, whatever width the object it belongs to was given: PureHDF reads
    /// an attribute's data (this sets the width) before it creates its datatype, attribute by attribute.</summary>
    /// <param name="options">The file's options.</param>
    /// <param name="width">The width (0: variable-length; <see cref="DimensionScale"/> for <c>CLASS</c>).</param>
    /// <param name="text">The text.</param>
    public static H5Attribute Text(H5WriteOptions options, int width, string text) =>
        new(new Data<string>(options, width, [text]), dimensions: []);
}
