namespace Tvbo.Backends;

/// <summary>Marks an assembly as providing a backend, so <see cref="BackendRegistry"/> can find it by name
/// without the caller registering it. The type needs a public parameterless constructor.</summary>
/// <param name="backendType">A type implementing <see cref="ISimulationBackend"/>.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class SimulationBackendAttribute([System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type backendType) : Attribute
{
    /// <summary>The backend's type.</summary>
    [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type BackendType { get; } = backendType;
}
