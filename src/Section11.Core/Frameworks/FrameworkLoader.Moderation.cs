using YamlDotNet.RepresentationModel;

namespace Section11.Core.Frameworks;

public static partial class FrameworkLoader
{
    private sealed partial class Reader
    {
        /// <summary>
        /// The optional <c>moderation</c> section: its own <c>scale</c> (levels written like the framework's) and
        /// <c>reason_required_when_different</c>. Absent, moderation uses the framework's scale and asks for a reason.
        /// </summary>
        private ModerationDefinition? ReadModeration(YamlMappingNode root)
        {
            var map = Mapping(root, "moderation", "the framework", required: false);
            if (map is null)
            {
                return null;
            }

            CheckKeys(map, "moderation", "scale", "reason_required_when_different");
            var scale = Child(map, "scale") is null ? null : ReadScale(map, "moderation", required: true);
            var reason = Bool(map, "reason_required_when_different", "moderation") ?? ModerationDefinition.Default.ReasonRequiredWhenDifferent;
            return new ModerationDefinition(scale, reason);
        }
    }
}
