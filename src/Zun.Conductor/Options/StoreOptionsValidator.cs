using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace Zun.Conductor.Options;

/// <summary>Rejects a store configuration that cannot work, naming the setting, before anything opens the store.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Provider) && options.ConfiguredProvider is null)
        {
            return ValidateOptionsResult.Fail(
                $"{StoreOptions.Section}:Provider '{options.Provider}' is not one of {string.Join(", ", Enum.GetNames<StoreProvider>())}");
        }

        return options.ConfiguredProvider switch
        {
            StoreProvider.MongoDb => ValidateMongoDb(options.MongoDb),
            _ => ValidateSqlite(options.Sqlite),
        };
    }

    private static ValidateOptionsResult ValidateSqlite(SqliteStoreOptions sqlite)
    {
        if (string.IsNullOrWhiteSpace(sqlite.Path))
            return ValidateOptionsResult.Fail($"{StoreOptions.Section}:Sqlite:Path must name the database file");

        if (sqlite.BusyTimeoutSeconds is < 1 or > 600)
            return ValidateOptionsResult.Fail($"{StoreOptions.Section}:Sqlite:BusyTimeoutSeconds must be between 1 and 600");

        try
        {
            _ = sqlite.FullPath;
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ValidateOptionsResult.Fail($"{StoreOptions.Section}:Sqlite:Path '{sqlite.Path}' is not a usable path: {ex.Message}");
        }
    }

    private static ValidateOptionsResult ValidateMongoDb(MongoDbStoreOptions mongo)
    {
        const string section = StoreOptions.Section + ":MongoDb";
        if (string.IsNullOrWhiteSpace(mongo.ConnectionString))
            return ValidateOptionsResult.Fail($"{section}:ConnectionString is required when {StoreOptions.Section}:Provider is MongoDb");

        try
        {
            _ = MongoUrl.Create(mongo.ConnectionString);
        }
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException)
        {
            // The driver's message repeats the connection string, password included: keep it out of the logs.
            return ValidateOptionsResult.Fail($"{section}:ConnectionString is not a MongoDB connection string (mongodb://host[:port][,host...]/...)");
        }

        if (string.IsNullOrWhiteSpace(mongo.Database) || mongo.Database.IndexOfAny(['/', '\\', '.', ' ', '"', '$']) >= 0)
            return ValidateOptionsResult.Fail($"{section}:Database '{mongo.Database}' is not a valid MongoDB database name");

        if (mongo.StartTimeoutSeconds is < 1 or > 300)
            return ValidateOptionsResult.Fail($"{section}:StartTimeoutSeconds must be between 1 and 300");

        return ValidateOptionsResult.Success;
    }
}
