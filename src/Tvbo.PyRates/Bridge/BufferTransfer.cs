using System.Runtime.InteropServices;
using Python.Runtime;

namespace Tvbo.PyRates.Bridge;

/// <summary>
/// Moves arrays between Python and .NET without touching elements one by one. Out of Python: the buffer protocol
/// on a 1-D C-contiguous float64 ndarray, copied into a <c>double[]</c> in one block. <c>PyBUF.FORMATS</c> is never
/// requested (it crashes pythonnet 3.2.1, issue 2371): the Python side guarantees dtype and contiguity, and the
/// item size is checked here. Into Python: a pinned <c>double[]</c> whose address numpy copies from.
/// </summary>
internal static class BufferTransfer
{
    /// <summary>Copies a 1-D C-contiguous float64 array into a new <c>double[]</c>. Call with the GIL held.</summary>
    /// <param name="array">A Python object exporting the buffer protocol (an ndarray).</param>
    /// <param name="what">What the array is, for errors.</param>
    public static double[] ReadDoubles(PyObject array, string what)
    {
        ArgumentNullException.ThrowIfNull(array);
        using var buffer = array.GetBuffer(PyBUF.ND | PyBUF.C_CONTIGUOUS);
        if (buffer.Dimensions != 1 || buffer.ItemSize != sizeof(double) || buffer.Length % sizeof(double) != 0)
        {
            throw new Tvbo.Backends.BackendException($"{what}: expected a 1-D float64 buffer, got {buffer.Dimensions} dimensions of {buffer.ItemSize}-byte items.");
        }

        var result = new double[buffer.Length / sizeof(double)];
        if (result.Length == 0)
        {
            return result;
        }

        var handle = GCHandle.Alloc(result, GCHandleType.Pinned);
        try
        {
            buffer.ToContiguous(handle.AddrOfPinnedObject(), BufferOrderStyle.C);
        }
        finally
        {
            handle.Free();
        }

        return result;
    }

    /// <summary>A numpy float64 copy of <paramref name="values"/>, made by numpy from the pinned array's memory.
    /// Call with the GIL held.</summary>
    /// <param name="bridge">The <c>tvbo_pyrates</c> module.</param>
    /// <param name="values">The values.</param>
    public static PyObject ToNumpy(PyObject bridge, double[] values)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(values);
        var handle = GCHandle.Alloc(values, GCHandleType.Pinned);
        try
        {
            using var address = new PyInt(handle.AddrOfPinnedObject().ToInt64());
            using var count = new PyInt(values.Length);
            return bridge.InvokeMethod("from_address", address, count);
        }
        finally
        {
            handle.Free();
        }
    }
}
