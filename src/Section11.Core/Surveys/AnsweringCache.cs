using Microsoft.Extensions.Caching.Memory;

namespace Section11.Core.Surveys;

/// <summary>
/// Each agency link's survey as answers are checked against it, kept in this process's memory so a burst of answers
/// reads nothing. Safe on many nodes: links are made only when the survey opens, and from then on its questions never
/// change. What can still change (closed early, its dates, its "about you" questions, new links) is checked again by
/// the write itself (<c>SurveyService.InsertIfOpenAsync</c>), never taken from here. Keyed by the link's token hash,
/// which is random, so one process serving several databases (the tests) cannot mix them up.
/// </summary>
internal static class AnsweringCache
{
    /// <summary>The link's survey and agency, and the survey with its questions in order. Read only once cached.</summary>
    internal sealed record Entry(int SurveyId, int AgencyId, Survey Survey);

    // A few thousand links (one per agency of each open survey); an hour unused and a link is read again.
    private static readonly MemoryCache Links = new(new MemoryCacheOptions { SizeLimit = 5_000 });
    private static readonly MemoryCacheEntryOptions Kept = new() { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) };

    public static Entry? Find(string hash) => Links.TryGetValue(hash, out Entry? entry) ? entry : null;

    public static void Keep(string hash, Entry entry) => Links.Set(hash, entry, Kept);

    public static void Forget(string hash) => Links.Remove(hash);
}
