using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Api;

namespace Section11.Core.Data.Configurations;

internal sealed class ApiCallConfiguration : IEntityTypeConfiguration<ApiCall>
{
    public void Configure(EntityTypeBuilder<ApiCall> builder)
    {
        // A token's page lists its latest calls.
        builder.HasIndex(c => new { c.ApiTokenId, c.At });
        builder.Property(c => c.Method).HasMaxLength(10);
        builder.Property(c => c.Path).HasMaxLength(ApiCall.MaxPathLength);
        builder.HasOne<ApiToken>().WithMany().HasForeignKey(c => c.ApiTokenId);
    }
}
