using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section11.Core.Identity;

namespace Section11.Core.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Accounts.Invitation>
{
    public void Configure(EntityTypeBuilder<Accounts.Invitation> builder)
    {
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.CreatedById).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.UserId);
    }
}

internal sealed class SignedInSessionConfiguration : IEntityTypeConfiguration<Accounts.SignedInSession>
{
    public void Configure(EntityTypeBuilder<Accounts.SignedInSession> builder)
    {
        builder.ToTable("Sessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.UserAgent).HasMaxLength(Accounts.SignedInSession.MaxUserAgentLength);
        builder.Property(s => s.EndedWhy).HasMaxLength(Accounts.SignedInSession.MaxEndedWhyLength);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId);
    }
}

internal sealed class KeptFormConfiguration : IEntityTypeConfiguration<Accounts.KeptForm>
{
    public void Configure(EntityTypeBuilder<Accounts.KeptForm> builder)
    {
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.BrowserKeyHash).HasMaxLength(64);
        builder.Property(f => f.Path).HasMaxLength(Accounts.KeptForm.MaxPathLength);
        builder.HasIndex(f => f.ExpiresAt);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId);
    }
}
