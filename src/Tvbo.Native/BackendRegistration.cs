using Tvbo.Backends;
using Tvbo.Native;

[assembly: SimulationBackend(typeof(NativeBackend))]
