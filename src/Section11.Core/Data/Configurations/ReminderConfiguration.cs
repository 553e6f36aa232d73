using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section11.Core.Data.Configurations;

internal sealed class ReminderSentConfiguration : IEntityTypeConfiguration<Reminders.ReminderSent>
{
    public void Configure(EntityTypeBuilder<Reminders.ReminderSent> builder)
    {
        builder.ToTable("RemindersSent");
        builder.HasIndex(r => new { r.ReturnId, r.Kind, r.DueOn }).IsUnique();
        builder.Property(r => r.Kind).HasMaxLength(40);
        builder.HasOne<Returns.Return>().WithMany().HasForeignKey(r => r.ReturnId);
    }
}
