using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Auditing;

namespace Section11.Core.Data.Configurations;

internal sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> builder)
    {
        builder.ToTable("ChangeLog");
        builder.HasIndex(c => new { c.ReturnId, c.At });
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.EntityType).HasMaxLength(50);
        builder.Property(c => c.EntityId).HasMaxLength(50);
        builder.Property(c => c.Field).HasMaxLength(100);
    }
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.HasIndex(e => e.At);
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.Email).HasMaxLength(InputLimits.Email);
        builder.Property(e => e.Path).HasMaxLength(InputLimits.EventPath);
        builder.Property(e => e.Detail).HasMaxLength(InputLimits.EventDetail);
    }
}
