using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Section11.Core.Frameworks;
public static partial class FrameworkLoader
{
    /// <summary>Standards, their items and each item's grade descriptors.</summary>
    private sealed partial class Reader
    {
        private List<StandardDefinition>? ReadStandards(YamlMappingNode root, ScaleDefinition? scale)
        {
            var list = Sequence(root, "standards", "the framework", required: true);
            if (list is null)
            {
                return null;
            }

            if (list.Children.Count == 0)
            {
                Problem(list, "the framework has no standards");
            }

            var standards = new List<StandardDefinition>();
            var standardLines = new Dictionary<int, int>();
            var itemLines = new Dictionary<string, int>();
            foreach (var node in list)
            {
                if (node is not YamlMappingNode map)
                {
                    Problem(node, "each standard must be a mapping with number, title and items");
                    continue;
                }

                CheckKeys(map, "a standard", "number", "title", "source", "descriptors", "local", "items");
                var numberText = Text(map, "number", "a standard", required: true);
                int? number = null;
                if (numberText is not null)
                {
                    if (int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                    {
                        number = n;
                        if (standardLines.TryGetValue(n, out var first))
                        {
                            Problem(map, $"standard {n} appears twice (first at line {first})");
                        }
                        else
                        {
                            standardLines[n] = Line(map);
                        }
                    }
                    else
                    {
                        Problem(map.Children[new YamlScalarNode("number")], $"standard number \"{numberText}\" must be a whole number such as 1 or 12");
                    }
                }

                var what = number is null ? "a standard" : $"standard {number}";
                var title = Text(map, "title", what, required: true);
                var source = Text(map, "source", what);
                var local = Bool(map, "local", what) ?? false;
                var descriptors = TextList(map, "descriptors", what);
                var items = ReadItems(map, what, number, local, scale, itemLines);
                if (number is not null && title is not null)
                {
                    standards.Add(new(number.Value, title, source, descriptors, local, items));
                }
            }

            return standards;
        }

        private List<ItemDefinition> ReadItems(
            YamlMappingNode standard, string what, int? standardNumber, bool local, ScaleDefinition? scale, Dictionary<string, int> itemLines)
        {
            var items = new List<ItemDefinition>();
            var list = Sequence(standard, "items", what, required: !local);
            if (list is null)
            {
                return items;
            }

            if (list.Children.Count == 0 && !local)
            {
                Problem(list, $"{what} has no items");
            }

            foreach (var node in list)
            {
                if (node is not YamlMappingNode map)
                {
                    Problem(node, $"each item of {what} must be a mapping with number and text");
                    continue;
                }

                CheckKeys(map, "an item", "number", "text", "evidence", "grades", "note");
                var number = Text(map, "number", $"an item of {what}", required: true);
                var itemWhat = number is null ? $"an item of {what}" : $"item {number}";
                if (number is not null)
                {
                    if (!ItemNumber.IsValid(number) || !number.Contains('.', StringComparison.Ordinal))
                    {
                        Problem(map.Children[new YamlScalarNode("number")], $"item number \"{number}\" must be numbers separated by dots, such as 5.10");
                    }
                    else if (standardNumber is not null && number.Split('.')[0] != standardNumber.Value.ToString(CultureInfo.InvariantCulture))
                    {
                        Problem(map, $"item {number} is under standard {standardNumber}, so its number must start with {standardNumber}.");
                    }
                    else if (itemLines.TryGetValue(number, out var first))
                    {
                        Problem(map, $"item {number} appears twice (first at line {first})");
                    }
                    else
                    {
                        itemLines[number] = Line(map);
                    }
                }

                var text = Text(map, "text", itemWhat, required: true);
                var evidence = TextList(map, "evidence", itemWhat);
                var grades = ReadGrades(map, itemWhat, scale);
                var note = Text(map, "note", itemWhat);
                if (number is not null && text is not null)
                {
                    items.Add(new(number, text, evidence, grades, note));
                }
            }

            return items;
        }

        private Dictionary<string, string> ReadGrades(YamlMappingNode item, string what, ScaleDefinition? scale)
        {
            var grades = new Dictionary<string, string>();
            var map = Mapping(item, "grades", what, required: false);
            if (map is null)
            {
                return grades;
            }

            foreach (var (keyNode, valueNode) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (scale is not null && scale.Levels.All(l => l.Key != key))
                {
                    Problem(keyNode, $"{what} has a descriptor for \"{key}\", which is not a level of the scale ({string.Join(", ", scale.Levels.Select(l => l.Key))})");
                    continue;
                }

                var text = Scalar(valueNode, $"the \"{key}\" descriptor of {what}");
                if (text is not null && string.IsNullOrWhiteSpace(text))
                {
                    Problem(valueNode, $"the \"{key}\" descriptor of {what} is empty");
                }
                else if (text is not null)
                {
                    grades[key] = Clean(text);
                }
            }

            return grades;
        }
    }
}
