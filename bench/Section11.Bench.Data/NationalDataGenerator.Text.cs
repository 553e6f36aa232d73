using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Section11.Core.ActionPlans;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;

namespace Section11.Bench.Data;

public sealed partial class NationalDataGenerator
{
    // Deterministic fake names and text, so a seed always gives the same data set.
    /// <summary>The first level (from the worst) that meets the standard: the usual rating.</summary>
    private static sbyte FirstMeeting(Fw fw) => (sbyte)fw.Levels.ToList().FindIndex(l => l.Meets);

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static string UserId(Random rng) => new Guid(Bytes(rng, 16)).ToString();

    private static byte[] Bytes(Random rng, int n)
    {
        var bytes = new byte[n];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static string PersonName(Random rng) => $"{FirstNames[rng.Next(FirstNames.Length)]} {LastNames[rng.Next(LastNames.Length)]}";

    /// <summary>A fixed, well-mixed choice for (id, salt), so text can be made again from an id.</summary>
    private string Pick(int id, int salt, string[] pool) => pool[Mix(id, salt) % (uint)pool.Length];

    private uint Mix(int id, int salt)
    {
        var h = unchecked((uint)id * 2654435761u ^ (uint)salt * 40503u ^ (uint)_seed * 97u);
        h ^= h >> 15;
        h *= 2246822519u;
        h ^= h >> 13;
        return h;
    }

    /// <summary>100–400 characters of evidence: two to five sentences from a pool.</summary>
    private string Evidence(int answerId)
    {
        var text = Pick(answerId, 20, EvidenceSentences);
        for (var k = 21; text.Length < 100 + (Mix(answerId, 99) % 250); k++)
        {
            text += " " + Pick(answerId, k, EvidenceSentences);
        }

        return text.Length > 400 ? text[..text.LastIndexOf('.', 399)] + "." : text;
    }

    private string ActionRequired(int answerId) => $"{Pick(answerId, 30, ActionTexts)} {Pick(answerId, 31, Indicators)}";

    private string Statement(int evaluationId) => $"{Pick(evaluationId, 40, StatementTexts)} {Pick(evaluationId, 41, EvidenceSentences)}";

    private string Outcome(int areaId) => Pick(areaId, 50, Outcomes);

    private static string[] Places(Random rng, int count)
    {
        string[] stems = ["Ash", "Brook", "Cold", "Dun", "Elm", "Fair", "Glen", "Hart", "Ivy", "Kings", "Lang", "Mill", "Nor", "Oak", "Pen", "Queens", "Red", "Stan",
            "Thorn", "Wal", "Whit", "Wood", "Bar", "Chester", "Sand", "Stone", "Black", "Wester", "Easter", "Hol", "Lin", "March"];
        string[] ends = ["ford", "ham", "shire", "ton", "wick", "bury", "field", "mouth", "leigh", "worth", "dale", "bridge", "by", "combe", "stead", "minster"];
        var names = stems.SelectMany(s => ends.Select(e => s + e)).OrderBy(_ => rng.Next()).ToList();
        while (names.Count < count)
        {
            names.AddRange(names.Take(count - names.Count).Select(n => $"New {n}").ToList());
        }

        return [.. names.Take(count)];
    }

    private static readonly string[] FirstNames = ["Amira", "Ben", "Chloe", "Dev", "Ellen", "Femi", "Grace", "Harun", "Isla", "Jack", "Kiran", "Laura", "Mo", "Nadia", "Owen", "Priya", "Rhys", "Sara", "Tom", "Yusuf", "Zoe", "Helen", "Sam", "Jo"];
    private static readonly string[] LastNames = ["Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Roberts", "Shah", "Taylor", "Walsh", "Marsh", "Bennett"];
    private static readonly string[] Streets = ["Riverside", "Park Lane", "Church Street", "Market Square", "Station Road", "High Street", "Valley", "Castle", "Abbey", "Meadow", "Orchard", "Bridge", "Hillside", "Greenway", "Mill Lane", "Victoria", "Albert Road", "Northgate"];
    private static readonly string[] PracticeKinds = ["Medical Practice", "Surgery", "Health Centre", "Medical Centre", "Family Practice", "Group Practice"];
    private static readonly string[] TrustKinds = ["Hospitals NHS Foundation Trust", "Community Health NHS Trust", "Mental Health NHS Foundation Trust", "University Hospitals NHS Trust", "Integrated Care NHS Trust"];
    private static readonly string[] CharityNames = ["Children First", "Safe Harbour", "Young Minds Together", "Family Action", "Open Door"];
    private static readonly string[] CharityKinds = ["Young Carers", "Youth Trust", "Family Support", "Homestart", "Sports Club", "Scouts and Guides", "Food Bank"];
    private static readonly string[] Signatories = ["Dr Helen Marsh", "Tom Okafor", "Priya Shah", "Jo Bennett", "Ruth Aldridge", "Mark Fenwick", "Dr Anil Gupta", "Claire Dunn", "Owen Price", "Sarah Whitlock"];
    private static readonly string[] Posts = ["Chief Executive", "Director of Nursing", "Practice Partner", "Director of Children's Services", "Chief Constable", "Chief Nurse", "Head of Safeguarding", "Managing Director"];

    private static readonly string[] EvidenceSentences =
    [
        "Safeguarding policy reviewed in March and approved by the board.",
        "Training records show 94% of staff completed level 2 safeguarding training this year.",
        "Supervision logs are held by the named nurse and audited quarterly.",
        "Minutes of the safeguarding committee record the review of every serious incident.",
        "The designated lead attends the partnership's multi-agency meetings.",
        "Job descriptions for every post include safeguarding responsibilities.",
        "Safer recruitment checks are complete for all staff, with DBS renewals tracked on the HR system.",
        "A child's voice is recorded in case notes; a dip sample of 30 files found it in 27.",
        "Information-sharing agreements with the local authority and police are in place and in date.",
        "The whistleblowing policy is on the intranet and was re-launched at the staff conference.",
        "Referrals to children's social care are logged and followed up within 48 hours.",
        "Audit of case files found chronologies in place but not always up to date.",
        "Induction covers safeguarding on the first day, with a workbook signed off by the manager.",
        "Annual report to the board sets out safeguarding activity, training and learning from reviews.",
        "Learning from local child safeguarding practice reviews is shared through briefings and team meetings.",
        "Allegations against staff are managed with the LADO; three were referred this year.",
        "The early help offer is promoted in waiting areas and on the website.",
        "Records are kept on the electronic system with safeguarding alerts on the child's record.",
    ];

    private static readonly string[] ActionTexts =
    [
        "Refresh the safeguarding policy and brief every team.",
        "Run level 3 training for all clinical staff.",
        "Introduce quarterly audits of supervision records.",
        "Complete outstanding DBS renewals and record them centrally.",
        "Add the child's voice to the case note template.",
        "Agree an information-sharing protocol with the partnership.",
        "Publish the whistleblowing route on every site.",
        "Set up a safeguarding champions network.",
    ];

    private static readonly string[] Indicators =
    [
        "Success: 95% of staff trained by the deadline.",
        "Success: a dip sample finds the child's voice in nine files out of ten.",
        "Success: every supervision recorded within the month.",
        "Success: no DBS check overdue at the next audit.",
        "Success: the partnership confirms the protocol is signed.",
    ];

    private static readonly string[] Impacts =
    [
        "Training completion reached 97%; staff survey shows more confidence in making referrals.",
        "Re-audit in the autumn found supervision recorded for every case.",
        "All renewals complete; HR now reports monthly to the safeguarding committee.",
    ];

    private static readonly string[] MonitoringTexts =
    [
        "Two sessions delivered; a third booked for next month.",
        "Staff sickness has delayed the audit by a month.",
        "Policy drafted and out for consultation with the staff side.",
        "Risk: the training provider has cancelled twice; looking for another.",
        "Added a check at induction as an extra action.",
        "Progress reported to the board; on track.",
    ];

    private static readonly string[] StatementTexts =
    [
        "Arrangements are in place and known to staff; the actions above close the remaining gaps.",
        "Most evidence is strong, but audits show practice is not yet consistent across every team.",
        "We meet this standard and have evidence from audit, training records and staff feedback.",
        "Improvement since the last audit, with a plan to address the items still below the threshold.",
    ];

    private static readonly string[] Outcomes =
    [
        "Every member of staff knows how to raise a safeguarding concern and does so.",
        "Supervision happens monthly and is recorded for every practitioner.",
        "Every safer-recruitment file is complete.",
        "The child's voice is heard and recorded in every assessment.",
        "Information is shared with partners quickly and safely.",
    ];
}
