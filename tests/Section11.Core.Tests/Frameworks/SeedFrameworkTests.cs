using Section11.Core.Frameworks;

using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Frameworks;

/// <summary>
/// The two shipped frameworks against their source forms (/work/shared/seeds/000_9887e08c0b339eb7.txt
/// for primary care, 002_70a5a9d877cfc055.txt for MASA). Expected wording is copied from the source
/// with only conversion noise removed (markup, checkboxes, bullet glyphs, doubled spaces, page breaks).
/// </summary>
public class SeedFrameworkTests
{
    private static readonly Lazy<FrameworkLoadResult> PrimaryCareResult = new(() => Load("primary-care-2014.yaml"));
    private static readonly Lazy<FrameworkLoadResult> MasaResult = new(() => Load("masa-2018.yaml"));

    private static FrameworkDefinition PrimaryCare => PrimaryCareResult.Value.Definition!;

    private static FrameworkDefinition Masa => MasaResult.Value.Definition!;

    private static FrameworkLoadResult Load(string file) => FrameworkLoader.LoadFile(Path.Combine(RepoPaths.Frameworks, file));

    private static ItemDefinition Item(FrameworkDefinition d, string number) =>
        Assert.Single(d.Standards.SelectMany(s => s.Items), i => i.Number == number);

    private static StandardDefinition Standard(FrameworkDefinition d, int number) =>
        Assert.Single(d.Standards, s => s.Number == number);

    // --- Both load clean -------------------------------------------------------------------------

    [Fact]
    public void Primary_care_2014_is_valid_with_no_problems()
    {
        Assert.Empty(PrimaryCareResult.Value.Problems.Select(p => p.ToString()));
        Assert.True(PrimaryCareResult.Value.IsValid);
        Assert.Equal(("primary-care-2014", "2014-12"), (PrimaryCare.Id, PrimaryCare.Version));
    }

    [Fact]
    public void Masa_2018_is_valid_with_no_problems()
    {
        Assert.Empty(MasaResult.Value.Problems.Select(p => p.ToString()));
        Assert.True(MasaResult.Value.IsValid);
        Assert.Equal(("masa-2018", "2018"), (Masa.Id, Masa.Version));
    }

    // --- Standards and item numbers ----------------------------------------------------------------

    [Fact]
    public void Primary_care_has_standards_1_to_9_with_these_59_items_in_order()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], PrimaryCare.Standards.Select(s => s.Number));
        Assert.Equal(
            [
                "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8",
                "2.1", "2.2", "2.3", "2.4", "2.5",
                "3.1", "3.2", "3.3",
                "4.1", "4.2", "4.3", "4.4", "4.5", "4.6",
                "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8", "5.9", "5.10", "5.11", "5.12",
                "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8", "6.9", "6.10", "6.11", "6.12", "6.13",
                "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8",
                "8.1", "8.2",
                "9.1", "9.2",
            ],
            PrimaryCare.Standards.SelectMany(s => s.Items).Select(i => i.Number));
        Assert.Equal(59, PrimaryCare.ItemCount);
    }

    [Fact]
    public void Masa_has_7_standards_with_these_27_items_in_order()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], Masa.Standards.Select(s => s.Number));
        Assert.Equal(
            [
                "1.1", "1.2", "1.3", "1.4",
                "2.1", "2.2",
                "3.1", "3.2",
                "4.1", "4.2", "4.3", "4.4", "4.5",
                "5.1", "5.2", "5.3", "5.4", "5.5",
                "6.1", "6.2", "6.3", "6.4",
                "7.1", "7.2", "7.3", "7.4", "7.5",
            ],
            Masa.Standards.SelectMany(s => s.Items).Select(i => i.Number));
        Assert.Equal(27, Masa.ItemCount);
    }

    [Fact]
    public void Primary_care_standard_titles_are_the_table_headings()
    {
        Assert.Equal(
            [
                "Senior management (clinical) have commitment to the importance of safeguarding and promoting children's welfare.",
                "A clear statement of GP practice's responsibility towards children is available for all staff.",
                "A clear line of accountability within the GP Practice for work on safeguarding and promoting the welfare of children.",
                "Service development takes account of the need to safeguard and promote welfare and is informed, where appropriate, by the views of children and families",
                "Staff supervision, awareness, and training on safeguarding and promoting the welfare of children for all staff working for, with or in contact with children and families depending on the agency’s primary functions.",
                "Safer recruitment/allegations management",
                "Effective inter-agency working to safeguard and promote the welfare of children",
                "Effective Information sharing",
                "Additional requirements specific to the Local Authority (this standard will allow for local fit / any additional requirements your local Board may have)",
            ],
            PrimaryCare.Standards.Select(s => s.Title));
    }

    [Fact]
    public void Masa_standard_titles_and_sources_are_the_key_standards_table()
    {
        Assert.Equal(
            [
                ("Leadership and Accountability", "WTG Page 56 bp 1 & 2, 7"),
                ("Use of policies and procedures to safeguard children", "WTG pg 57 bp 5"),
                ("Recruitment and Selection", "WTG pg 57 bp 8"),
                ("Staff Induction, Training and Development", "WTG pg 58 bp 7, 9,10, 11,12,13"),
                ("Complaints Allegations and Whistle-blowing", "WTG pg 57 Bp 4 & 11"),
                ("Information Sharing, communication & Confidentiality", "WTG pg 57 bp 6"),
                ("Listening to Children and Young People", "WTG pg 57 bp 3"),
            ],
            Masa.Standards.Select(s => (s.Title, s.Source)));
    }

    [Fact]
    public void Masa_standard_2_source_and_descriptors()
    {
        var standard = Standard(Masa, 2);

        Assert.Equal("WTG pg 57 bp 5", standard.Source);
        Assert.Equal(
            [
                "Clear priorities for safeguarding and promoting the welfare of children, explicitly stated in strategic policy documents",
                "Policies for safeguarding and promoting the welfare of children including a child protection policy, and procedures that are in accordance with guidance and locally agreed inter-agency procedures",
            ],
            standard.Descriptors);
    }

    [Fact]
    public void Masa_descriptor_counts_per_standard_match_the_table()
    {
        Assert.Equal([3, 2, 1, 4, 3, 1, 1], Masa.Standards.Select(s => s.Descriptors.Count));
    }

    [Fact]
    public void Only_primary_care_standard_9_is_local()
    {
        Assert.Equal([9], PrimaryCare.Standards.Where(s => s.Local).Select(s => s.Number));
        Assert.DoesNotContain(Masa.Standards, s => s.Local);
    }

    [Fact]
    public void Primary_care_standard_9_holds_the_printed_placeholders()
    {
        var standard = Standard(PrimaryCare, 9);

        Assert.True(standard.Local);
        Assert.Equal(
            [("9.1", "The Practice can demonstrate that ..."), ("9.2", "Staff are aware of their responsibilities including ...")],
            standard.Items.Select(i => (i.Number, i.Text)));
        Assert.Empty(standard.Items[0].Evidence);
        Assert.Equal(["Audit demonstrates compliance and understanding with policy."], standard.Items[1].Evidence);
    }

    // --- Scales --------------------------------------------------------------------------------

    [Fact]
    public void Primary_care_scale_is_not_met_partially_met_fully_met_and_only_fully_met_meets()
    {
        Assert.Equal(
            [("not-met", "Not met", "red", false), ("partially-met", "Partially met", "amber", false), ("fully-met", "Fully met", "green", true)],
            PrimaryCare.Scale.Levels.Select(l => (l.Key, l.Label, l.Colour, l.Meets)));
    }

    [Fact]
    public void Masa_scale_is_four_grades_and_good_and_outstanding_meet()
    {
        Assert.Equal(
            [
                ("inadequate", "Inadequate", "red", false),
                ("requires-improvement", "Requires improvement", "amber", false),
                ("good", "Good", "green", true),
                ("outstanding", "Outstanding", "blue", true),
            ],
            Masa.Scale.Levels.Select(l => (l.Key, l.Label, l.Colour, l.Meets)));
    }

    // --- Grade descriptors ---------------------------------------------------------------------

    [Fact]
    public void Every_masa_item_has_exactly_the_four_grade_descriptors_none_empty()
    {
        string[] grades = ["inadequate", "requires-improvement", "good", "outstanding"];
        Assert.Equal(grades, Masa.Scale.Levels.Select(l => l.Key));
        Assert.All(Masa.Standards.SelectMany(s => s.Items), item =>
        {
            Assert.Equal(grades, item.Grades.Keys);
            Assert.All(item.Grades.Values, text => Assert.False(string.IsNullOrWhiteSpace(text), $"item {item.Number} has an empty descriptor"));
        });
    }

    [Fact]
    public void Every_masa_outstanding_descriptor_starts_with_good_plus()
    {
        Assert.All(Masa.Standards.SelectMany(s => s.Items), item =>
            Assert.StartsWith("Good plus", item.Grades["outstanding"], StringComparison.Ordinal));
    }

    [Fact]
    public void Primary_care_has_no_grade_descriptors_because_its_form_prints_none()
    {
        Assert.All(PrimaryCare.Standards.SelectMany(s => s.Items), item => Assert.Empty(item.Grades));
    }

    [Fact]
    public void Masa_1_1_grade_descriptors()
    {
        var item = Item(Masa, "1.1");

        Assert.Equal("- No Evidence Submitted / No named person within organisation", item.Grades["inadequate"]);
        Assert.Equal("- Named person but not widely known or advertised\n- Infrequent attendance at safeguarding forums", item.Grades["requires-improvement"]);
        Assert.Equal(
            "- Widely advertised named person who attends MASA or similar forums to promote safeguarding\n"
            + "- Job description states role and responsibilities ensures safeguarding policies and procedures are in place\n"
            + "- Ultimately responsible for compliance with Section 11\n"
            + "- Understanding of key legislation and guidance",
            item.Grades["good"]);
        Assert.Equal(
            "Good plus :-\n\n"
            + "- Takes lead in organisation for safeguarding\n"
            + "- Has undertaken personal training and a number of initiatives to champion a safeguarding culture\n"
            + "- Attends and runs forums at which safeguarding practice is developed and improved\n"
            + "- Provides support to the workforce in safeguarding issues\n"
            + "- This is monitored and reviewed as a part of supervision",
            item.Grades["outstanding"]);
    }

    [Fact]
    public void Masa_6_4_good_descriptor_is_joined_across_its_line_break()
    {
        Assert.Equal(
            "- Learning from learning reviews/ campaign updates / news is shared and there is evidence of improvement\n"
            + "- Evidence of staff reporting non-compliance\n"
            + "- Shared with relevant sub-group of the Board\n"
            + "- Multiagency audits are undertaken to improve interagency processes.\n"
            + "- Reflective supervision",
            Item(Masa, "6.4").Grades["good"]);
    }

    [Fact]
    public void Masa_3_1_outstanding_and_5_3_good_descriptors()
    {
        Assert.Equal("Good plus:-\n\n- There is evidence of their effective use", Item(Masa, "3.1").Grades["outstanding"]);
        Assert.Equal("- Policy and procedure in place", Item(Masa, "5.3").Grades["good"]);
    }

    // --- Wording against the source ------------------------------------------------------------

    [Theory]
    [InlineData("1.1", "A named person at senior management level is identified.")]
    [InlineData("1.7", "Named clinical leads for safeguarding have a clear plan in place to meet the recommendations specific to them as referenced intercollegiate document")]
    [InlineData("2.2", "Effective systems are in place for children, staff and other people to make a complaint about non-adherence to the agency's (practice's) procedures.")]
    [InlineData("2.5", "Services who commission through 3rd parties have robust contractual arrangements in place with explicit reference to safeguarding and promoting the welfare of children, which is monitored annually. Commissioning arrangements include monitoring providers' compliance with s11. Sanctions are in place for non-compliance and any concerns are reported to the MSCB with recommendations for action.")]
    [InlineData("3.1", "There are named person/s with a clearly defined role and responsibilities in relation to safeguarding at an operational level, and there are clear lines of accountability from each staff member up through the organisation to the named person.")]
    [InlineData("4.2", "Appropriate policies are child/family friendly. E.g. complaints procedure.")]
    [InlineData("4.5", "There are processes and systems in place to ensure the “voice of the child” and families’ views are captured and used to inform individual case decisions, plans and services they receive.")]
    [InlineData("5.10", "The agency practice has implemented the MSCB safeguarding practice reflection framework.")]
    [InlineData("6.3", "Necessary checks are carried out and repeated every 3 years e.g. DBS checks")]
    [InlineData("6.13", "Support is routinely available to all staff who are the subject of an allegation.")]
    [InlineData("8.1", "The Practice can demonstrate that they have a clear policy, which encourages appropriate information sharing and can evidence how this impacts on outcomes for children and families.")]
    public void Primary_care_item_wording(string number, string text) =>
        Assert.Equal(text, Item(PrimaryCare, number).Text);

    [Fact]
    public void Primary_care_5_1_keeps_its_list_and_closing_paragraph()
    {
        Assert.Equal(
            "An induction process is in place for all staff who have contact with children. This includes:\n"
            + "- Familiarisation with child protection policies. To include local safeguarding children procedures and local thresholds for services.\n"
            + "- Basic child protection training (that includes how to recognise signs of abuse and neglect, how to respond to concerns and e safety awareness)\n"
            + "- Understanding of their role and responsibilities.\n"
            + "- Emphasises the importance of multi agency and interdisciplinary working.\n"
            + "\n"
            + "And is delivered within 3 months.",
            Item(PrimaryCare, "5.1").Text);
    }

    [Fact]
    public void Primary_care_7_7_list_ends_with_disseminating_learning()
    {
        Assert.Equal(
            "The agency has a clear process for:\n"
            + "- Completing actions from SCRs and other reviews.\n"
            + "- Gathering the evidence required\n"
            + "- Embedding recommendations into practice\n"
            + "- Disseminating learning",
            Item(PrimaryCare, "7.7").Text);
    }

    [Theory]
    [InlineData("1.1", "There is a named senior board level lead to take leadership responsibility for the organisations safeguarding arrangements")]
    [InlineData("1.4", "The organisation has a clear written accountability framework for safeguarding and promoting the safeguarding of children that applies to all services provided or commissioned.")]
    [InlineData("2.1", "The organisation has written policies and procedures for safeguarding and promoting the wellbeing of children that is accessible to all staff including volunteers.")]
    [InlineData("3.1", "The organisation has recruitment and selection procedures for all personnel, including volunteers, which is in line with MASA’s Safer Recruitment policy and procedures")]
    [InlineData("3.2", "At least one person on any appointment panel must have received ‘safer recruitment’ training")]
    [InlineData("4.5", "Impact on practice / effectiveness of training")]
    [InlineData("5.3", "The Organisation has a named senior officer or senior manager(s) with responsibility for ensuring the organisation follows these procedures effectively")]
    [InlineData("7.4", "The organisation has a culture of listening to children and taking account of their wishes and feelings in individual decisions.")]
    [InlineData("7.5", "As a minimum the organisation evaluates outcomes from the perspective of the child or young person.")]
    public void Masa_item_wording(string number, string text) =>
        Assert.Equal(text, Item(Masa, number).Text);

    [Fact]
    public void Masa_1_2_keeps_its_list_and_closing_paragraph()
    {
        Assert.Equal(
            "There is a designated professional for safeguarding clearly named within the organisation. Their role is to champion safeguarding and child protection including:\n"
            + "\n"
            + "- Maintaining a sound knowledge of legislation & guidance\n"
            + "- Communicating to staff\n"
            + "- Holding managers to account\n"
            + "- Ensure effective working relationships are in place\n"
            + "- Responding to identified safeguarding training need\n"
            + "\n"
            + "Designated professional roles should always be explicitly defined in job descriptions and widely known throughout the organisation.",
            Item(Masa, "1.2").Text);
    }

    [Fact]
    public void Masa_6_3_keeps_its_link()
    {
        Assert.Equal(
            "Staff should be aware of who to pass information if they think this may be critical to keeping children safe and are sensitive to the 7 golden rules for sharing information.\n"
            + "\n"
            + "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice",
            Item(Masa, "6.3").Text);
    }

    // --- Examples of evidence ------------------------------------------------------------------

    [Fact]
    public void Primary_care_evidence_examples()
    {
        Assert.Equal(["Name the post holder.", "A named clinical lead for safeguarding is identified in your GP practice"], Item(PrimaryCare, "1.1").Evidence);
        Assert.Equal(
            [
                "A confidential whistle-blowing policy is in place and staff know how to access it, which can be evidenced.",
                "Evidence of circulation, i.e. induction training, induction manuals, intranet.",
                "Evidence of clear recording systems in place.",
            ],
            Item(PrimaryCare, "6.8").Evidence);
        Assert.Equal(
            [
                "Examples of how this is achieved e.g; New guidance/procedures are published within organisation along with guidance/instruction.",
                "Addressed in internal audits and supervision.",
                "How recommendations from SCRs and progress against action plans are shared with staff.",
            ],
            Item(PrimaryCare, "5.12").Evidence);
        Assert.Equal(
            [
                "Guidance is included in policy and procedures.",
                "Methods of referrals are included in training.",
                "Number of referrals made.",
            ],
            Item(PrimaryCare, "7.8").Evidence);
    }

    [Fact]
    public void Masa_evidence_examples()
    {
        Assert.Equal(
            [
                "Supervision and appraisal records.",
                "Supervision and appraisal policy and procedure.",
                "Audit of occurring: frequency and quality.",
                "Staff self-report non-compliance.",
                "Links from outcomes of supervision and appraisal into training and development plans.",
                "Continuous Learning and Development/ personal training and development plans.",
                "QA reviews.",
            ],
            Item(Masa, "4.3").Evidence);
        Assert.Equal(
            [
                "Complaint policy and procedures and evidence of dissemination to professionals and service users in a sensitive and appropriate manner.",
                "Evidence of lessons from complaints being incorporated into service plans, policies and procedures.",
                "Complaint process is child and young person friendly.",
            ],
            Item(Masa, "7.1").Evidence);
        Assert.Equal(["Staff attended safer recruitment training."], Item(Masa, "3.2").Evidence);
    }

    [Fact]
    public void Every_item_of_a_non_local_standard_has_text_and_evidence()
    {
        foreach (var d in new[] { PrimaryCare, Masa })
        {
            Assert.All(d.Standards.Where(s => !s.Local).SelectMany(s => s.Items), item =>
            {
                Assert.False(string.IsNullOrWhiteSpace(item.Text));
                Assert.NotEmpty(item.Evidence);
            });
        }
    }

    // --- Evaluation, declaration, action plan, documents ----------------------------------------

    [Fact]
    public void Primary_care_standard_evaluation_prompt()
    {
        Assert.Equal(
            new StandardEvaluationSettings("Please state whether you have evaluated this standard as \"Not met\" \"Partially met\" or \"Fully met\" with a brief supporting statement.", true),
            PrimaryCare.StandardEvaluation);
    }

    [Fact]
    public void Primary_care_declaration_text_and_fields()
    {
        Assert.StartsWith("I agree this is an accurate reflection", PrimaryCare.Declaration.Text, StringComparison.Ordinal);
        Assert.Equal(
            "I agree this is an accurate reflection of the position of our agency (practice) and to ensure that the above standards are promoted and worked to within the agency (practice) I represent as part of our active participation in the Medway Safeguarding Children Board.\n"
            + "\n"
            + "By submitting this audit you are confirming that the audit and the action plan has been agreed by the appropriate level of senior management who will be held ultimately responsible for the completion of the action plan.",
            PrimaryCare.Declaration.Text);
        Assert.Equal(["name", "post_held", "organisation", "date"], PrimaryCare.Declaration.Fields);
    }

    [Fact]
    public void Masa_declaration_fields()
    {
        Assert.Equal(["name", "post_held", "organisation", "date"], Masa.Declaration.Fields);
        Assert.StartsWith("I confirm that this is an accurate reflection", Masa.Declaration.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Primary_care_rag_definitions()
    {
        var plan = Assert.IsType<ActionPlanDefinition>(PrimaryCare.ActionPlan);

        Assert.Equal(
            [
                new RagDefinition("red", "Red", "Work is significantly behind schedule and no progress has been made, and/or Progress has been made but the timescale has not been achieved."),
                new RagDefinition("amber", "Amber", "Progress is being made, progress is good and the action is likely to be achieved within timescale. Or the action has been completed but evidence is required to demonstrate achievement."),
                new RagDefinition("green", "Green", "The action has been completed and there is a record of evidence to support its completion."),
            ],
            plan.Rag);
        Assert.Contains("RAG rating: Each action should be given a RAG (Red, Amber, Green) rating according to the following definitions.", plan.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public void Masa_has_no_action_plan_because_its_form_has_none()
    {
        Assert.Null(Masa.ActionPlan);
    }

    [Fact]
    public void Primary_care_relevant_documents()
    {
        Assert.Equal(
            [
                ("Working Together to Safeguard Children", "http://www.workingtogetheronline.co.uk/documents/Working%20TogetherFINAL.pdf"),
                ("Making Arrangements to Safeguard and Promote the Welfare of Children under s11 of the Children Act (2004)", "http://www.legislation.gov.uk/ukpga/2004/31/section/11"),
                ("Statutory guidance on making arrangements to safeguard and promote the welfare of children under section 11 of the Children Act 2004",
                    "http://webarchive.nationalarchives.gov.uk/20130401151715/https://www.education.gov.uk/publications/eOrderingDownload/DFES-0036-2007.pdf"),
                ("What to do if you Think a Child is Being Abused",
                    "https://www.gov.uk/government/uploads/system/uploads/attachment_data/file/190604/DFES-04320-2006-ChildAbuse.pdf"),
                ("The Framework for the Assessment of Children in Need and Their Families",
                    "http://webarchive.nationalarchives.gov.uk/20130107105354/http://www.dh.gov.uk/prod_consum_dh/groups/dh_digitalassets/@dh/@en/documents/digitalasset/dh_4014430.pdf"),
            ],
            PrimaryCare.Documents.Select(d => (d.Title, d.Url)));
    }

    // --- Item number order ---------------------------------------------------------------------

    [Fact]
    public void Item_5_2_sorts_before_5_10()
    {
        Assert.True(ItemNumber.Compare("5.2", "5.10") < 0);
        Assert.True(ItemNumber.Compare("5.10", "5.2") > 0);
        Assert.True(string.CompareOrdinal(ItemNumber.SortKey("5.2"), ItemNumber.SortKey("5.10")) < 0);
    }

    [Fact]
    public void Item_6_13_sorts_last_in_standard_6()
    {
        var numbers = Standard(PrimaryCare, 6).Items.Select(i => i.Number).ToList();

        var byCompare = numbers.OrderByDescending(n => n, Comparer<string>.Create(ItemNumber.Compare)).ToList();
        var bySortKey = numbers.OrderBy(ItemNumber.SortKey, StringComparer.Ordinal).ToList();

        Assert.Equal("6.13", byCompare[0]);
        Assert.Equal("6.13", bySortKey[^1]);
        Assert.NotEqual("6.13", numbers.Order(StringComparer.Ordinal).Last());
    }

    [Fact]
    public void Seed_items_in_file_order_are_in_item_number_order()
    {
        foreach (var d in new[] { PrimaryCare, Masa })
        {
            var numbers = d.Standards.SelectMany(s => s.Items).Select(i => i.Number).ToList();
            var shuffled = numbers.AsEnumerable().Reverse().ToList();

            Assert.Equal(numbers, shuffled.Order(Comparer<string>.Create(ItemNumber.Compare)));
            Assert.Equal(numbers, shuffled.OrderBy(ItemNumber.SortKey, StringComparer.Ordinal));
        }
    }
}
