using Microsoft.AspNetCore.Identity;
using Section11.Core.Data;
using Section11.Core.Identity;

namespace Section11.Web.Infrastructure;

/// <summary>Identity, cookies, sign-in methods and email: everything about accounts, configured in one place.</summary>
public static class AccountsSetup
{
    public static WebApplicationBuilder AddSection11Accounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<Section11DbContext>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/errors/403";
            o.Cookie.Name = "section11";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "section11-antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });

        return builder;
    }
}
