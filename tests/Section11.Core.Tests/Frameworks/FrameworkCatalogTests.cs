using System.Reflection;
using Section11.Core.Frameworks;

namespace Section11.Core.Tests.Frameworks;

/// <summary>A round's framework is a copy of the cached version with the round's own local section: nothing else may be lost.</summary>
public sealed class FrameworkCatalogTests
{
    [Fact]
    public void A_round_copy_keeps_every_property_of_the_version()
    {
        var version = Filled<FrameworkVersion>();
        var placeholder = Filled<Standard>();
        placeholder.IsLocal = true;
        version.Standards = [placeholder];
        var own = Filled<Standard>();
        own.RoundId = 7;

        var copy = version.WithStandards([own]);

        AssertSameProperties(version, copy, except: nameof(FrameworkVersion.Standards));
        Assert.Same(own, Assert.Single(copy.Standards));
        Assert.Same(placeholder, Assert.Single(version.Standards)); // the cached version keeps its placeholder
    }

    private static void AssertSameProperties<T>(T original, T copy, string except)
    {
        // Stored properties only: a computed one (the parsed definition) follows from them.
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != except))
        {
            Assert.True(Equals(property.GetValue(original), property.GetValue(copy)), $"{typeof(T).Name}.{property.Name} was not copied");
        }
    }

    /// <summary>An instance with a value other than the default in every property, so a property the copy drops shows.</summary>
    private static T Filled<T>()
    {
        var instance = (T)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(T));
        var n = 0;
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            n++;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? value = type switch
            {
                _ when type == typeof(string) => $"{property.Name} {n}",
                _ when type == typeof(int) => 100 + n,
                _ when type == typeof(bool) => true,
                _ when type == typeof(decimal) => 1.5m + n,
                _ when type == typeof(DateTime) => new DateTime(2026, 1, n, 0, 0, 0, DateTimeKind.Utc),
                _ when type.IsEnum => Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1),
                _ => Activator.CreateInstance(type) is { } made && !type.IsValueType ? made : null,
            };
            property.SetValue(instance, value);
        }

        return instance;
    }
}
