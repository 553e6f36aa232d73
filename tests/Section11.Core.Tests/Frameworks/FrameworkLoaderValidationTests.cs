using Section11.Core.Frameworks;

namespace Section11.Core.Tests.Frameworks;

/// <summary>
/// Every message the loader can report, each from its own file under Malformed/ (the valid
/// Valid/minimal.yaml with one thing broken), checked as the author sees it: FILE:LINE: message.
/// </summary>
public class FrameworkLoaderValidationTests
{
    private const string Colours = "red, amber, green, blue, purple, grey";
    private const string Fields = "name, post_held, organisation, date";

    private static string Malformed(string name) => Path.Combine(AppContext.BaseDirectory, "Frameworks", "Malformed", name + ".yaml");

    /// <summary>Loads Malformed/NAME.yaml and asserts it is invalid with exactly these problems, in this order.</summary>
    private static void AssertProblems(string name, params (int Line, string Message)[] expected)
    {
        var path = Malformed(name);
        var result = FrameworkLoader.LoadFile(path);

        Assert.False(result.IsValid);
        Assert.Null(result.Definition);
        Assert.Equal(
            string.Join('\n', expected.Select(e => $"{path}:{e.Line}: {e.Message}")),
            string.Join('\n', result.Problems.Select(p => p.ToString())));
        Assert.Equal(expected.Length, result.Problems.Count);
    }

    [Fact]
    public void The_minimal_file_the_malformed_files_are_made_from_is_valid()
    {
        var result = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Frameworks", "Valid", "minimal.yaml"));

        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Problem_prints_as_file_colon_line_colon_message()
    {
        Assert.Equal("frameworks/x.yaml:12: the file is empty", new FrameworkProblem("frameworks/x.yaml", 12, "the file is empty").ToString());
    }

    // --- The file itself ---------------------------------------------------------------------

    [Fact]
    public void Not_yaml_at_all() =>
        AssertProblems("not-yaml", (5, "this is not valid YAML: While scanning a plain scalar value, found invalid mapping."));

    [Fact]
    public void Key_given_twice_is_not_valid_yaml() =>
        AssertProblems("duplicate-key", (21, "this is not valid YAML: Duplicate key text"));

    [Fact]
    public void Quote_never_closed_is_not_valid_yaml() =>
        AssertProblems("unterminated-quote", (4, "this is not valid YAML: While scanning a multi-line double-quoted scalar, found wrong indentation."));

    [Theory]
    [InlineData("empty")]
    [InlineData("comments-only")]
    public void Empty_file(string name) =>
        AssertProblems(name, (1, "the file is empty"));

    [Theory]
    [InlineData("root-not-mapping")]
    [InlineData("root-text")]
    public void Root_is_not_a_mapping(string name) =>
        AssertProblems(name, (2, "the file must be a mapping of keys such as id, version, title, scale and standards"));

    [Fact]
    public void Misspelt_key_is_an_error_not_ignored() =>
        AssertProblems("unknown-key", (21, "unknown key \"evidnce\" in an item; expected one of number, text, evidence, grades, note"));

    [Fact]
    public void Unknown_top_level_key() =>
        AssertProblems("unknown-key-top", (5, "unknown key \"author\" in the framework; expected one of id, version, title, publisher, source, "
            + "introduction, guidance, notes, scale, answer, standard_evaluation, declaration, standards, documents, action_plan, moderation"));

    // --- Required fields -----------------------------------------------------------------------

    [Theory]
    [InlineData("missing-id", "the framework has no id")]
    [InlineData("missing-version", "the framework has no version")]
    [InlineData("missing-title", "the framework has no title")]
    [InlineData("missing-scale", "the framework has no scale")]
    [InlineData("missing-standards", "the framework has no standards")]
    public void Missing_required_framework_field(string name, string message) =>
        AssertProblems(name, (2, message));

    [Fact]
    public void Empty_version() =>
        AssertProblems("empty-version", (3, "version of the framework is empty"));

    [Fact]
    public void Empty_list_of_standards() =>
        AssertProblems("standards-empty", (15, "the framework has no standards"));

    [Fact]
    public void Id_must_be_lower_case_with_hyphens() =>
        AssertProblems("bad-id", (2, "id \"Example_Framework\" must use only lower-case letters, digits and hyphens"));

    // --- Standards -----------------------------------------------------------------------------

    [Fact]
    public void Duplicate_standard() =>
        AssertProblems("duplicate-standard", (23, "standard 1 appears twice (first at line 16)"));

    [Theory]
    [InlineData("standard-number-text", "one")]
    [InlineData("standard-number-zero", "0")]
    [InlineData("standard-number-decimal", "1.5")]
    public void Standard_number_must_be_a_whole_number(string name, string number) =>
        AssertProblems(name, (16, $"standard number \"{number}\" must be a whole number such as 1 or 12"));

    [Fact]
    public void Standard_without_a_title() =>
        AssertProblems("missing-standard-title", (16, "standard 1 has no title"));

    [Theory]
    [InlineData("items-empty", 18)]
    [InlineData("items-missing", 16)]
    public void Standard_that_is_not_local_must_have_items(string name, int line) =>
        AssertProblems(name, (line, "standard 1 has no items"));

    [Fact]
    public void Local_must_be_true_or_false() =>
        AssertProblems("bad-local", (18, "local of standard 1 must be true or false, not \"Yes\""));

    // --- Items ---------------------------------------------------------------------------------

    [Fact]
    public void Duplicate_item_number() =>
        AssertProblems("duplicate-item", (23, "item 1.1 appears twice (first at line 19)"));

    [Fact]
    public void Item_number_must_start_with_its_standard() =>
        AssertProblems("item-wrong-standard", (19, "item 2.1 is under standard 1, so its number must start with 1."));

    [Theory]
    [InlineData("bad-item-number", "1.x")]
    [InlineData("item-number-no-dot", "1")]
    public void Item_number_must_be_numbers_separated_by_dots(string name, string number) =>
        AssertProblems(name, (19, $"item number \"{number}\" must be numbers separated by dots, such as 5.10"));

    [Fact]
    public void Item_without_a_number() =>
        AssertProblems("missing-item-number", (19, "an item of standard 1 has no number"));

    [Fact]
    public void Item_with_empty_text() =>
        AssertProblems("empty-text", (20, "text of item 1.1 is empty"));

    [Fact]
    public void Item_without_text() =>
        AssertProblems("missing-text", (19, "item 1.1 has no text"));

    [Fact]
    public void Empty_example_of_evidence() =>
        AssertProblems("empty-evidence", (23, "an entry of evidence of item 1.1 is empty"));

    // --- Grade descriptors ---------------------------------------------------------------------

    [Fact]
    public void Descriptor_for_a_level_the_scale_does_not_have() =>
        AssertProblems("grade-unknown-level", (25, "item 1.1 has a descriptor for \"fully-met\", which is not a level of the scale (not-met, met)"));

    [Fact]
    public void Descriptor_whose_key_is_not_text_is_reported_not_thrown() =>
        AssertProblems("grade-complex-key", (24, "item 1.1 has a descriptor for \"\", which is not a level of the scale (not-met, met)"));

    [Fact]
    public void Empty_descriptor() =>
        AssertProblems("grade-empty", (25, "the \"met\" descriptor of item 1.1 is empty"));

    [Fact]
    public void Descriptor_that_is_not_text() =>
        AssertProblems("grade-not-text", (25, "the \"met\" descriptor of item 1.1 must be text, not a list or mapping"));

    // --- Scale ---------------------------------------------------------------------------------

    [Fact]
    public void Unknown_colour() =>
        AssertProblems("unknown-colour", (7, $"scale level \"not-met\" has colour \"orange\"; use one of {Colours}"));

    [Fact]
    public void Level_key_must_be_lower_case_with_hyphens() =>
        AssertProblems("level-key-format", (7, "scale level key \"Not_Met\" must use only lower-case letters, digits and hyphens"));

    [Fact]
    public void Duplicate_level_key() =>
        AssertProblems("duplicate-level", (11, "scale level \"met\" appears twice (first at line 7)"));

    [Fact]
    public void Scale_with_only_one_level() =>
        AssertProblems("one-level", (7, "the scale needs at least two levels"));

    [Theory]
    [InlineData("no-meeting-level")]
    [InlineData("all-levels-meet")]
    public void Scale_needs_a_level_that_meets_and_one_that_does_not(string name) =>
        AssertProblems(name, (7, "the scale needs at least one level that meets the standard (meets: true) and one that does not"));

    [Fact]
    public void Level_without_a_key() =>
        AssertProblems("missing-level-key", (11, "a scale level has no key"));

    [Fact]
    public void Level_without_a_label() =>
        AssertProblems("missing-level-label", (11, "scale level \"met\" has no label"));

    [Fact]
    public void Level_without_meets() =>
        AssertProblems("missing-meets", (11, "scale level \"met\" has no meets (true or false)"));

    [Fact]
    public void Meets_must_be_true_or_false() =>
        AssertProblems("bad-bool", (14, "meets of scale level \"met\" must be true or false, not \"yes\""));

    [Fact]
    public void Level_value_must_be_a_number() =>
        AssertProblems("bad-value", (15, "value of scale level \"met\" must be a number, not \"high\""));

    [Fact]
    public void Level_that_is_not_a_mapping() =>
        AssertProblems("level-not-mapping", (7, "each scale level must be a mapping with key, label, colour and meets"));

    [Fact]
    public void Scale_without_levels() =>
        AssertProblems("scale-no-levels",
            (6, "unknown key \"points\" in the scale; expected one of levels"),
            (6, "the scale has no levels"));

    // --- Declaration, documents, action plan ----------------------------------------------------

    [Fact]
    public void Unknown_declaration_field() =>
        AssertProblems("unknown-declaration-field", (17, $"declaration field \"signature\" is not known; use any of {Fields}"));

    [Theory]
    [InlineData("document-url-relative", "www.gov.uk/working-together")]
    [InlineData("document-url-path", "/documents/working-together.pdf")]
    [InlineData("document-url-mailto", "mailto:safeguarding@example.org")]
    public void Document_url_must_be_a_full_web_address(string name, string url) =>
        AssertProblems(name, (24, $"document \"Working Together\" has url \"{url}\", which is not a full web address"));

    [Fact]
    public void Document_that_is_not_a_mapping() =>
        AssertProblems("document-not-mapping", (24, "each document must be a mapping with title and url"));

    [Fact]
    public void Rag_rating_that_is_not_a_mapping() =>
        AssertProblems("rag-not-mapping", (25, "each RAG rating must be a mapping with key, label and definition"));

    // --- Wrong shapes --------------------------------------------------------------------------

    [Fact]
    public void List_where_a_mapping_belongs() =>
        AssertProblems("scale-is-list", (6, "scale of the framework must be a mapping of keys and values"));

    [Fact]
    public void Mapping_where_text_belongs() =>
        AssertProblems("title-is-mapping", (5, "title of the framework must be text, not a list or mapping"));

    [Fact]
    public void Text_where_a_list_belongs() =>
        AssertProblems("evidence-is-text", (21, "evidence of item 1.1 must be a list"));

    [Fact]
    public void Item_that_is_not_a_mapping() =>
        AssertProblems("item-not-mapping", (19, "each item of standard 1 must be a mapping with number and text"));

    [Fact]
    public void Standard_that_is_not_a_mapping() =>
        AssertProblems("standard-not-mapping", (23, "each standard must be a mapping with number, title and items"));

    // --- Every problem at once -----------------------------------------------------------------

    [Fact]
    public void Three_different_problems_are_all_reported_at_once() =>
        AssertProblems("three-problems",
            (2, "id \"Example\" must use only lower-case letters, digits and hyphens"),
            (11, $"scale level \"met\" has colour \"teal\"; use one of {Colours}"),
            (23, "item 1.1 appears twice (first at line 19)"));

    [Fact]
    public void A_missing_field_does_not_hide_a_wrong_shape_in_an_optional_one() =>
        AssertProblems("optional-wrong-shape",
            (2, "the framework has no id"),
            (5, "publisher of the framework must be text, not a list or mapping"));

    [Fact]
    public void Load_reports_the_file_name_it_is_given()
    {
        var result = FrameworkLoader.Load("id: x\n", "frameworks/new.yaml");

        Assert.False(result.IsValid);
        Assert.Equal(
            ["frameworks/new.yaml:1: the framework has no version", "frameworks/new.yaml:1: the framework has no title",
                "frameworks/new.yaml:1: the framework has no scale", "frameworks/new.yaml:1: the framework has no standards"],
            result.Problems.Select(p => p.ToString()));
    }
}
