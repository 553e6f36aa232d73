using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Reporting.Exports;

namespace Section11.Core.Data.Configurations;

internal sealed class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> builder)
    {
        builder.ToTable("ExportJobs");
        builder.Property(j => j.Format).HasMaxLength(10);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.Error).HasMaxLength(InputLimits.EventDetail);
        builder.HasOne<Organisations.Partnership>().WithMany().HasForeignKey(j => j.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(j => j.RequestedById).OnDelete(DeleteBehavior.Cascade);

        // The worker's scan (queued, running, expiring) and the data-export page's list (a partnership's, recent first).
        builder.HasIndex(j => j.Status);
        builder.HasIndex(j => new { j.PartnershipId, j.CreatedAt });
    }
}

internal sealed class ExportJobChunkConfiguration : IEntityTypeConfiguration<ExportJobChunk>
{
    public void Configure(EntityTypeBuilder<ExportJobChunk> builder)
    {
        builder.ToTable("ExportJobChunks");
        builder.HasKey(c => new { c.ExportJobId, c.Index });
        builder.HasOne<ExportJob>().WithMany().HasForeignKey(c => c.ExportJobId).OnDelete(DeleteBehavior.Cascade);
    }
}
