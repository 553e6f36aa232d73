using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Section11.Core.Frameworks;

public sealed record FrameworkLoadResult(FrameworkDefinition? Definition, IReadOnlyList<FrameworkProblem> Problems)
{
    public bool IsValid => Definition is not null && Problems.Count == 0;
}

/// <summary>
/// Reads a framework YAML file and validates all of it, collecting every problem with its line
/// rather than stopping at the first, so an author can fix a file in one pass.
/// </summary>
public static partial class FrameworkLoader
{
    public static readonly IReadOnlyList<string> Colours = ["red", "amber", "green", "blue", "purple", "grey"];

    public static FrameworkLoadResult LoadFile(string path) =>
        Load(File.ReadAllText(path), path);

    public static FrameworkLoadResult Load(string yaml, string fileName)
    {
        var reader = new Reader(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            reader.Problem(checked((int)e.Start.Line), $"this is not valid YAML: {FirstSentence(e.Message)}");
            return new(null, reader.Problems);
        }

        if (stream.Documents.Count == 0)
        {
            reader.Problem(1, "the file is empty");
            return new(null, reader.Problems);
        }

        var definition = reader.ReadFramework(stream.Documents[0].RootNode);
        return new(reader.Problems.Count == 0 ? definition : null, reader.Problems);
    }

    /// <summary>A stable fingerprint of the content, so an edit under an unchanged version is caught.</summary>
    public static string ContentHash(FrameworkDefinition definition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson(definition))));

    public static string ToJson(FrameworkDefinition definition) => JsonSerializer.Serialize(definition, JsonOptions);

    public static FrameworkDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<FrameworkDefinition>(json, JsonOptions)
        ?? throw new InvalidOperationException("Stored framework definition is empty.");

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    private static string FirstSentence(string message)
    {
        var text = message.Trim();
        var close = text.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 && text.StartsWith('(') ? text[(close + 3)..] : text;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    /// <summary>The framework's rules: which keys each part has, and what each value must be.</summary>
    private sealed partial class Reader(string file) : LineAwareYamlReader(file)
    {
        public FrameworkDefinition? ReadFramework(YamlNode root)
        {
            if (root is not YamlMappingNode map)
            {
                Problem(root, "the file must be a mapping of keys such as id, version, title, scale and standards");
                return null;
            }

            CheckKeys(map, "the framework", "id", "version", "title", "publisher", "source", "introduction", "guidance",
                "notes", "scale", "answer", "standard_evaluation", "declaration", "standards", "documents", "action_plan", "moderation");

            var id = Text(map, "id", "the framework", required: true);
            if (id is not null && !SlugPattern().IsMatch(id))
            {
                Problem(map.Children[new YamlScalarNode("id")], $"id \"{id}\" must use only lower-case letters, digits and hyphens");
            }

            var version = Text(map, "version", "the framework", required: true);
            var title = Text(map, "title", "the framework", required: true);
            var publisher = Text(map, "publisher", "the framework");
            var source = Text(map, "source", "the framework");
            var introduction = Text(map, "introduction", "the framework");
            var guidance = Text(map, "guidance", "the framework");
            var notes = Text(map, "notes", "the framework");
            var scale = ReadScale(map);
            var answer = ReadAnswer(map);
            var evaluation = ReadEvaluation(map);
            var declaration = ReadDeclaration(map);
            var standards = ReadStandards(map, scale);
            var documents = ReadDocuments(map);
            var actionPlan = ReadActionPlan(map);
            var moderation = ReadModeration(map);

            if (id is null || version is null || title is null || scale is null || standards is null)
            {
                return null;
            }

            return new FrameworkDefinition(
                id, version, title, publisher, source, introduction, guidance, notes, scale, answer, evaluation, declaration, standards, documents, actionPlan, moderation);
        }

        private ScaleDefinition? ReadScale(YamlMappingNode root, string owner = "the framework", bool required = true)
        {
            var map = Mapping(root, "scale", owner, required);
            if (map is null)
            {
                return null;
            }

            CheckKeys(map, "the scale", "levels");
            var levelsNode = Sequence(map, "levels", "the scale", required: true);
            if (levelsNode is null)
            {
                return null;
            }

            var levels = new List<ScaleLevelDefinition>();
            var seen = new Dictionary<string, int>();
            foreach (var node in levelsNode)
            {
                if (node is not YamlMappingNode level)
                {
                    Problem(node, "each scale level must be a mapping with key, label, colour and meets");
                    continue;
                }

                CheckKeys(level, "a scale level", "key", "label", "colour", "meets", "value", "description");
                var key = Text(level, "key", "a scale level", required: true);
                var label = Text(level, "label", $"scale level \"{key}\"", required: true);
                var colour = Text(level, "colour", $"scale level \"{key}\"", required: true);
                var meets = Bool(level, "meets", $"scale level \"{key}\"", required: true);
                var value = Number(level, "value", $"scale level \"{key}\"");
                var description = Text(level, "description", $"scale level \"{key}\"");
                if (key is not null)
                {
                    if (!SlugPattern().IsMatch(key))
                    {
                        Problem(level, $"scale level key \"{key}\" must use only lower-case letters, digits and hyphens");
                    }
                    else if (seen.TryGetValue(key, out var first))
                    {
                        Problem(level, $"scale level \"{key}\" appears twice (first at line {first})");
                    }
                    else
                    {
                        seen[key] = Line(level);
                    }
                }

                if (colour is not null && !Colours.Contains(colour))
                {
                    Problem(level, $"scale level \"{key}\" has colour \"{colour}\"; use one of {string.Join(", ", Colours)}");
                }

                if (key is not null && label is not null && colour is not null && meets is not null)
                {
                    levels.Add(new(key, label, colour, meets.Value, value, description));
                }
            }

            if (levelsNode.Children.Count < 2)
            {
                Problem(levelsNode, "the scale needs at least two levels");
            }
            else if (levels.Count == levelsNode.Children.Count && (levels.All(l => l.Meets) || levels.All(l => !l.Meets)))
            {
                Problem(levelsNode, "the scale needs at least one level that meets the standard (meets: true) and one that does not");
            }

            return new ScaleDefinition(levels);
        }

        private AnswerSettings ReadAnswer(YamlMappingNode root)
        {
            var map = Mapping(root, "answer", "the framework", required: false);
            if (map is null)
            {
                return AnswerSettings.Default;
            }

            CheckKeys(map, "answer", "actual_evidence", "action_required", "timescale", "action_below_threshold");
            return new AnswerSettings(
                Bool(map, "actual_evidence", "answer") ?? true,
                Bool(map, "action_required", "answer") ?? true,
                Bool(map, "timescale", "answer") ?? true,
                Bool(map, "action_below_threshold", "answer") ?? true);
        }

        private StandardEvaluationSettings ReadEvaluation(YamlMappingNode root)
        {
            var map = Mapping(root, "standard_evaluation", "the framework", required: false);
            if (map is null)
            {
                return StandardEvaluationSettings.Default;
            }

            CheckKeys(map, "standard_evaluation", "prompt", "statement_required");
            return new StandardEvaluationSettings(
                Text(map, "prompt", "standard_evaluation", required: true) ?? StandardEvaluationSettings.Default.Prompt,
                Bool(map, "statement_required", "standard_evaluation") ?? true);
        }

        private DeclarationDefinition ReadDeclaration(YamlMappingNode root)
        {
            var map = Mapping(root, "declaration", "the framework", required: false);
            if (map is null)
            {
                return DeclarationDefinition.Default;
            }

            CheckKeys(map, "the declaration", "text", "fields");
            var text = Text(map, "text", "the declaration", required: true) ?? DeclarationDefinition.Default.Text;
            var fields = new List<string>();
            var fieldsNode = Sequence(map, "fields", "the declaration", required: false);
            foreach (var node in fieldsNode?.Children ?? [])
            {
                var field = Scalar(node, "a declaration field");
                if (field is null)
                {
                    continue;
                }

                if (!DeclarationDefinition.KnownFields.Contains(field))
                {
                    Problem(node, $"declaration field \"{field}\" is not known; use any of {string.Join(", ", DeclarationDefinition.KnownFields)}");
                }
                else
                {
                    fields.Add(field);
                }
            }

            return new DeclarationDefinition(text, fieldsNode is null ? DeclarationDefinition.KnownFields : fields);
        }

        private List<DocumentLink> ReadDocuments(YamlMappingNode root)
        {
            var documents = new List<DocumentLink>();
            foreach (var node in Sequence(root, "documents", "the framework", required: false)?.Children ?? [])
            {
                if (node is not YamlMappingNode map)
                {
                    Problem(node, "each document must be a mapping with title and url");
                    continue;
                }

                CheckKeys(map, "a document", "title", "url", "note");
                var title = Text(map, "title", "a document", required: true);
                var url = Text(map, "url", $"document \"{title}\"");
                var note = Text(map, "note", $"document \"{title}\"");
                if (url is not null && !IsWebAddress(url))
                {
                    Problem(map, $"document \"{title}\" has url \"{url}\", which is not a full web address");
                }

                if (title is not null)
                {
                    documents.Add(new(title, url, note));
                }
            }

            return documents;
        }

        private ActionPlanDefinition? ReadActionPlan(YamlMappingNode root)
        {
            var map = Mapping(root, "action_plan", "the framework", required: false);
            if (map is null)
            {
                return null;
            }

            CheckKeys(map, "action_plan", "guidance", "rag");
            var rag = new List<RagDefinition>();
            foreach (var node in Sequence(map, "rag", "action_plan", required: false)?.Children ?? [])
            {
                if (node is not YamlMappingNode entry)
                {
                    Problem(node, "each RAG rating must be a mapping with key, label and definition");
                    continue;
                }

                CheckKeys(entry, "a RAG rating", "key", "label", "definition");
                var key = Text(entry, "key", "a RAG rating", required: true);
                var label = Text(entry, "label", $"RAG rating \"{key}\"", required: true);
                var definition = Text(entry, "definition", $"RAG rating \"{key}\"", required: true);
                if (key is not null && label is not null && definition is not null)
                {
                    rag.Add(new(key, label, definition));
                }
            }

            return new ActionPlanDefinition(Text(map, "guidance", "action_plan"), rag);
        }
    }
}
