using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Section11.Bench.Data;

/// <summary>
/// PostgreSQL binary COPY into one entity's table. Table names, column names, store types and value converters
/// (enums as text, lists as JSON, UTC times) all come from the EF model, so it follows the migrations.
/// </summary>
internal sealed class BulkCopy
{
    private readonly string _table;
    private readonly (string Column, string StoreType, Func<object?, object?> Convert)[] _columns;

    /// <param name="entity">The entity's CLR type.</param>
    /// <param name="properties">Property names in row order; "SignOff.PostHeld" reaches into an owned type stored in the same table.</param>
    public BulkCopy(DbContext db, Type entity, params string[] properties)
    {
        var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model");
        _table = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(_table, type.GetSchema());
        _columns = [.. properties.Select(name =>
        {
            var owner = type;
            var path = name.Split('.');
            foreach (var navigation in path[..^1])
            {
                owner = owner.FindNavigation(navigation)?.TargetEntityType ?? throw new InvalidOperationException($"{entity.Name}.{navigation} is not a navigation");
            }

            var property = owner.FindProperty(path[^1]) ?? throw new InvalidOperationException($"{entity.Name}.{name} is not a property");
            var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
            var storeType = property.GetColumnType(store);
            var bracket = storeType.IndexOf('(', StringComparison.Ordinal);
            return (property.GetColumnName(store)!, bracket < 0 ? storeType : storeType[..bracket],
                converter is null ? (Func<object?, object?>)(v => v) : (v => v is null ? null : converter.ConvertToProvider(v)));
        })];
    }

    public string Table => _table;

    public string Quoted => $"\"{_table}\"";

    /// <summary>Writes every row; each row holds the values of the properties, in order. Returns the row count.</summary>
    public long Write(NpgsqlConnection connection, IEnumerable<object?[]> rows)
    {
        var columns = string.Join(", ", _columns.Select(c => $"\"{c.Column}\""));
        using var writer = connection.BeginBinaryImport($"COPY \"{_table}\" ({columns}) FROM STDIN (FORMAT BINARY)");
        writer.Timeout = TimeSpan.FromMinutes(30);
        long count = 0;
        foreach (var row in rows)
        {
            writer.StartRow();
            for (var i = 0; i < _columns.Length; i++)
            {
                var (_, storeType, convert) = _columns[i];
                WriteValue(writer, convert(row[i]), storeType);
            }

            count++;
        }

        writer.Complete();
        return count;
    }

    private static void WriteValue(NpgsqlBinaryImporter writer, object? value, string storeType)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case int i:
                writer.Write(i, storeType);
                break;
            case long l:
                writer.Write(l, storeType);
                break;
            case string s:
                writer.Write(s, storeType);
                break;
            case bool b:
                writer.Write(b, storeType);
                break;
            case DateTime d:
                writer.Write(d, storeType);
                break;
            case DateOnly d:
                writer.Write(d, storeType);
                break;
            case DateTimeOffset d:
                writer.Write(d, storeType);
                break;
            case decimal m:
                writer.Write(m, storeType);
                break;
            default:
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"No COPY writer for {value.GetType().Name} ({storeType})"));
        }
    }
}
