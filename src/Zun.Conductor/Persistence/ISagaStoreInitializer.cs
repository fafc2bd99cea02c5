namespace Zun.Conductor.Persistence;

/// <summary>Prepares the store of one saga type at start, so that a store that cannot work stops the conductor there.</summary>
internal interface ISagaStoreInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
