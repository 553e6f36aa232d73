using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Api;
using Section11.Core.Organisations;

namespace Section11.Core.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.PartnershipId);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(InputLimits.TokenName);
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.Property(t => t.CreatedById).HasMaxLength(450);
        builder.Property(t => t.RevokedById).HasMaxLength(450);
        builder.Ignore(t => t.IsActive);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(t => t.PartnershipId);
    }
}
