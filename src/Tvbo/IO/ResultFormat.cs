namespace Tvbo.IO;

/// <summary>The file formats results are written in.</summary>
public enum ResultFormat
{
    /// <summary>CSV tables per exploration (<c>DIR/&lt;exploration&gt;/*.csv</c>), see <see cref="CsvResultWriter"/>.</summary>
    Csv,

    /// <summary>One NetCDF4/HDF5 file per exploration (<c>DIR/&lt;exploration&gt;.nc</c>) that
    /// <c>xarray.open_dataset</c> opens directly, see <see cref="NetCdfResultWriter"/>.</summary>
    NetCdf,
}
