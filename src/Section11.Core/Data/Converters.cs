using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Section11.Core.Data;

/// <summary>Reads every DateTime back as UTC (SQLite loses the kind).</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>Small immutable collections stored as JSON text, the same on SQLite and PostgreSQL.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new();

    public static ValueConverter<List<string>, string> ListConverter { get; } = new(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<List<string>>(v, Options) ?? new List<string>());

    public static ValueComparer<List<string>> ListComparer { get; } = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());

    public static ValueConverter<List<int>, string> IntListConverter { get; } = new(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<List<int>>(v, Options) ?? new List<int>());

    public static ValueComparer<List<int>> IntListComparer { get; } = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, HashCode.Combine),
        v => v.ToList());

    public static ValueConverter<Dictionary<string, string>, string> DictionaryConverter { get; } = new(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, Options) ?? new Dictionary<string, string>());

    public static ValueComparer<Dictionary<string, string>> DictionaryComparer { get; } = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        v => v.Count,
        v => new Dictionary<string, string>(v));
}
