using Zun.Conductor.Options;

namespace Zun.Conductor.Persistence;

/// <summary>The store this process uses, decided once from configuration (see <see cref="ConductorStoreRegistration"/>).</summary>
internal sealed record SagaStoreSelection(StoreProvider Provider);
