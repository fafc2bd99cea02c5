using System.Collections.Concurrent;
using System.Reflection;

namespace Zun.Client;

/// <summary>
/// A contract record copied and changed where its type is known only at run time: a shallow copy, which is what a record's
/// <c>with</c> makes, whose init properties are then set.
/// </summary>
internal static class RecordCopy
{
    private static readonly Func<object, object> ShallowCopy = typeof(object)
        .GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!
        .CreateDelegate<Func<object, object>>();

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    public static T Of<T>(T record)
        where T : class =>
        (T)ShallowCopy(record);

    /// <summary>Sets a property of a copy made by <see cref="Of{T}"/>; returns the value.</summary>
    public static TValue Set<TValue>(object copy, string property, TValue value)
    {
        var properties = PropertiesByType.GetOrAdd(copy.GetType(), t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public));
        properties.Single(p => p.Name == property).SetValue(copy, value);
        return value;
    }
}
