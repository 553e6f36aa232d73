using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Frameworks;

namespace Section11.Core.Data.Configurations;

internal sealed class FrameworkVersionConfiguration : IEntityTypeConfiguration<FrameworkVersion>
{
    public void Configure(EntityTypeBuilder<FrameworkVersion> builder)
    {
        builder.HasIndex(f => new { f.FrameworkKey, f.Version }).IsUnique();
        builder.Property(f => f.FrameworkKey).HasMaxLength(100);
        builder.Property(f => f.Version).HasMaxLength(50);
        builder.Property(f => f.Title).HasMaxLength(500);
        builder.Property(f => f.Publisher).HasMaxLength(500);
        builder.Property(f => f.ContentHash).HasMaxLength(64);
        builder.Ignore(f => f.Definition);
        builder.HasMany(f => f.Standards).WithOne().HasForeignKey(s => s.FrameworkVersionId);
        builder.HasMany(f => f.Levels).WithOne().HasForeignKey(l => l.FrameworkVersionId);
    }
}

internal sealed class StandardConfiguration : IEntityTypeConfiguration<Standard>
{
    public void Configure(EntityTypeBuilder<Standard> builder)
    {
        // A round's own local section may share its number with the placeholder it replaces.
        builder.HasIndex(s => new { s.FrameworkVersionId, s.Number, s.RoundId }).IsUnique();
        builder.HasIndex(s => s.RoundId).IsUnique();
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(s => s.RoundId);
        builder.Property(s => s.Title).HasMaxLength(1000);
        builder.Property(s => s.Source).HasMaxLength(500);
        builder.Property(s => s.Descriptors).HasConversion(Json.ListConverter, Json.ListComparer);
        builder.HasMany(s => s.Items).WithOne(i => i.Standard).HasForeignKey(i => i.StandardId);
    }
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        // Unique per round too: a round's local items may reuse the placeholder numbers they replace.
        builder.HasIndex(i => new { i.StandardId, i.RoundId, i.SortKey }).IsUnique();
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(i => i.RoundId);
        builder.Property(i => i.Number).HasMaxLength(30);
        builder.Property(i => i.SortKey).HasMaxLength(60);
        builder.Property(i => i.Evidence).HasConversion(Json.ListConverter, Json.ListComparer);
        builder.Property(i => i.Grades).HasConversion(Json.DictionaryConverter, Json.DictionaryComparer);
    }
}

internal sealed class ScaleLevelConfiguration : IEntityTypeConfiguration<ScaleLevel>
{
    public void Configure(EntityTypeBuilder<ScaleLevel> builder)
    {
        builder.HasIndex(l => new { l.FrameworkVersionId, l.Key }).IsUnique();
        builder.Property(l => l.Key).HasMaxLength(50);
        builder.Property(l => l.Label).HasMaxLength(100);
        builder.Property(l => l.Colour).HasMaxLength(20);
        builder.Property(l => l.Description).HasMaxLength(2000);
    }
}
