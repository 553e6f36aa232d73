namespace Section11.Core.Frameworks;

/// <summary>One published, immutable version of a framework, as loaded from its file.</summary>
public class FrameworkVersion
{
    public int Id { get; set; }

    /// <summary>The framework's id from its file, for example "masa-2018".</summary>
    public required string FrameworkKey { get; set; }

    public required string Version { get; set; }
    public required string Title { get; set; }
    public string? Publisher { get; set; }
    public required string ContentHash { get; set; }

    /// <summary>The whole definition as JSON: guidance, declaration and action-plan text travel with the version.</summary>
    public required string DefinitionJson { get; set; }

    public DateTime LoadedAt { get; set; }

    public List<Standard> Standards { get; set; } = [];
    public List<ScaleLevel> Levels { get; set; } = [];

    /// <summary>A copy with other standards. Memberwise, so a property added later is carried without being listed here.</summary>
    internal FrameworkVersion WithStandards(List<Standard> standards)
    {
        var copy = (FrameworkVersion)MemberwiseClone();
        copy.Standards = standards;
        return copy;
    }

    private FrameworkDefinition? _definition;

    public FrameworkDefinition Definition => _definition ??= FrameworkLoader.FromJson(DefinitionJson);
}

public class Standard
{
    public int Id { get; set; }
    public int FrameworkVersionId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public string? Source { get; set; }
    public List<string> Descriptors { get; set; } = [];
    public bool IsLocal { get; set; }
    public List<Item> Items { get; set; } = [];

    /// <summary>A copy with other items (memberwise, as <see cref="FrameworkVersion.WithStandards"/>).</summary>
    internal Standard WithItems(List<Item> items)
    {
        var copy = (Standard)MemberwiseClone();
        copy.Items = items;
        return copy;
    }
}

public class Item
{
    public int Id { get; set; }
    public int StandardId { get; set; }
    public Standard Standard { get; set; } = null!;

    /// <summary>As printed: "5.10".</summary>
    public required string Number { get; set; }

    /// <summary>Zero-padded so ordering by text is ordering by number (5.2 before 5.10).</summary>
    public required string SortKey { get; set; }

    public required string Text { get; set; }
    public List<string> Evidence { get; set; } = [];
    public Dictionary<string, string> Grades { get; set; } = [];

    /// <summary>
    /// Set for a partnership's own local item, added to a local standard for one round. Null for the
    /// framework's items, which are shared by every round on the version.
    /// </summary>
    public int? RoundId { get; set; }
}

public class ScaleLevel
{
    public int Id { get; set; }
    public int FrameworkVersionId { get; set; }
    public int Position { get; set; }
    public required string Key { get; set; }
    public required string Label { get; set; }
    public required string Colour { get; set; }
    public bool Meets { get; set; }
    public decimal? Value { get; set; }
    public string? Description { get; set; }
}
