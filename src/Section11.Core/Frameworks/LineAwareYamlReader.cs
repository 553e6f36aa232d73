using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Section11.Core.Frameworks;

/// <summary>
/// Reads values out of a YAML tree and, instead of throwing, records each problem with the line it is on, so a file
/// can be checked whole. The framework's own rules are in FrameworkLoader's reader, built on this.
/// </summary>
internal abstract class LineAwareYamlReader(string file)
{
    public List<FrameworkProblem> Problems { get; } = [];

    public void Problem(int line, string message) => Problems.Add(new(file, Math.Max(line, 1), message));

    protected void Problem(YamlNode node, string message) => Problem(Line(node), message);

    protected static int Line(YamlNode node) => checked((int)node.Start.Line);

    /// <summary>An http or https address. (On Linux a bare "/path" is an absolute file URI, which is no web address.)</summary>
    protected static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    protected void CheckKeys(YamlMappingNode map, string what, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name))
            {
                Problem(key, $"unknown key \"{name}\" in {what}; expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    protected static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    protected YamlMappingNode? Mapping(YamlMappingNode map, string key, string what, bool required)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required)
            {
                Problem(map, $"{what} has no {key}");
            }

            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Problem(node, $"{key} of {what} must be a mapping of keys and values");
        return null;
    }

    protected YamlSequenceNode? Sequence(YamlMappingNode map, string key, string what, bool required)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required)
            {
                Problem(map, $"{what} has no {key}");
            }

            return null;
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Problem(node, $"{key} of {what} must be a list");
        return null;
    }

    protected string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        Problem(node, $"{what} must be text, not a list or mapping");
        return null;
    }

    protected string? Text(YamlMappingNode map, string key, string what, bool required = false)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required)
            {
                Problem(map, $"{what} has no {key}");
            }

            return null;
        }

        var value = Scalar(node, $"{key} of {what}");
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Problem(node, $"{key} of {what} is empty");
            }

            return null;
        }

        return Clean(value);
    }

    protected List<string> TextList(YamlMappingNode map, string key, string what)
    {
        var result = new List<string>();
        foreach (var node in Sequence(map, key, what, required: false)?.Children ?? [])
        {
            var value = Scalar(node, $"an entry of {key} of {what}");
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                Problem(node, $"an entry of {key} of {what} is empty");
            }
            else if (value is not null)
            {
                result.Add(Clean(value));
            }
        }

        return result;
    }

    protected bool? Bool(YamlMappingNode map, string key, string what, bool required = false)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required)
            {
                Problem(map, $"{what} has no {key} (true or false)");
            }

            return null;
        }

        var value = Scalar(node, $"{key} of {what}");
        switch (value)
        {
            case "true":
                return true;
            case "false":
                return false;
            case null:
                return null;
            default:
                Problem(node, $"{key} of {what} must be true or false, not \"{value}\"");
                return null;
        }
    }

    protected decimal? Number(YamlMappingNode map, string key, string what)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return null;
        }

        var value = Scalar(node, $"{key} of {what}");
        if (value is null)
        {
            return null;
        }

        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Problem(node, $"{key} of {what} must be a number, not \"{value}\"");
        return null;
    }

    /// <summary>Trailing spaces and line-ending differences are not content.</summary>
    protected static string Clean(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();
}
