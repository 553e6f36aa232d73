namespace Section11.Web.Tests.Support;

/// <summary>The application with an action plan set up (ActionPlanSetup) and a draft return whose lead also signs.</summary>
public sealed class PlanFixture : Section11Factory
{
    public ActionPlanSetup Plan { get; private set; } = null!;

    public Lead Draft { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Plan = await ActionPlanSetup.CreateAsync(this);
        Draft = await this.CreateLeadWhoSignsAsync("masa-2018");
    }

    private readonly Dictionary<string, HtmlClient> _clients = [];

    /// <summary>One signed-in client per person for the whole class: each sign-in spends an authenticator code.</summary>
    public async Task<HtmlClient> SignedInAsync(string email)
    {
        if (!_clients.TryGetValue(email, out var client))
        {
            client = CreateHtmlClient();
            await client.SignInAsync(email);
            _clients[email] = client;
        }

        return client;
    }
}
