"""What the API sends and receives.

Response serializers only describe output; every field is read-only so the schema marks it as
always present, except the ones some users do not get, which are left optional.
Help texts are English, like the rest of the schema; messages people read are Dutch.
Request serializers only check the types: what a value means is checked by the services, whose
messages are the same plain Dutch the pages show.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from eigenplan.households.models import CircleMember, Household, Neighbourhood, Person
from eigenplan.plans.models import Action, Goal, LifeDomain, Performer, Plan, PlanVersion, Proposal

# --- choices ---------------------------------------------------------------------------------


class ChoiceForTheService(serializers.ChoiceField):
    """Shows its choices in the schema but lets any value through: the service rejects a wrong
    choice with a plainer message than DRF's. Each subclass is one named enum in the schema, so
    the same choices never end up under several names."""

    choices_class: type

    def __init__(self, **kwargs):
        super().__init__(self.choices_class.choices, **kwargs)

    def to_internal_value(self, data):
        return data


def _enum(choices_class) -> dict:
    return {"type": "string", "enum": list(choices_class.values)}


@extend_schema_field(_enum(LifeDomain), component_name="LifeDomain")
class LifeDomainField(ChoiceForTheService):
    choices_class = LifeDomain


@extend_schema_field(_enum(CircleMember.Relation), component_name="Relation")
class RelationField(ChoiceForTheService):
    choices_class = CircleMember.Relation


@extend_schema_field(_enum(CircleMember.Closeness), component_name="Closeness")
class ClosenessField(ChoiceForTheService):
    choices_class = CircleMember.Closeness


@extend_schema_field(_enum(Action.Commitment), component_name="Commitment")
class CommitmentField(ChoiceForTheService):
    choices_class = Action.Commitment


@extend_schema_field(_enum(Performer), component_name="Performer")
class PerformerField(ChoiceForTheService):
    choices_class = Performer


@extend_schema_field(_enum(Action.Status), component_name="ActionStatus")
class ActionStatusField(ChoiceForTheService):
    choices_class = Action.Status


@extend_schema_field(_enum(Proposal.Kind), component_name="ProposalKind")
class ProposalKindField(ChoiceForTheService):
    choices_class = Proposal.Kind


@extend_schema_field(_enum(Proposal.Status), component_name="ProposalStatus")
class ProposalStatusField(ChoiceForTheService):
    choices_class = Proposal.Status


REVISION_HELP = (
    "Always required, also with PATCH: the revision you last received. When someone changed the "
    "object since, nothing is written and the answer is 409 with the current object."
)


DREAM_HELP = "Left out for circle members the resident did not share the dream with."


# --- households and their circle -------------------------------------------------------------


class NeighbourhoodSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="cbs_code", read_only=True)

    class Meta:
        model = Neighbourhood
        fields = ["code", "name"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "first_name", "last_name", "date_of_birth"]
        read_only_fields = fields


class HouseholdSerializer(serializers.ModelSerializer):
    address = serializers.CharField(read_only=True)
    neighbourhood = NeighbourhoodSerializer(read_only=True)
    coordinator_name = serializers.CharField(source="coordinator", read_only=True, allow_null=True)

    class Meta:
        model = Household
        fields = ["id", "address", "neighbourhood", "coordinator_name"]
        read_only_fields = fields


class HouseholdDetailSerializer(HouseholdSerializer):
    persons = PersonSerializer(
        many=True, required=False, help_text="Only for those who see the whole household."
    )

    class Meta(HouseholdSerializer.Meta):
        fields = [*HouseholdSerializer.Meta.fields, "persons"]
        read_only_fields = HouseholdSerializer.Meta.fields

    def __init__(self, *args, shows_persons: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not shows_persons:
            self.fields.pop("persons")


class CircleMemberSerializer(serializers.ModelSerializer):
    relation = RelationField(read_only=True)
    closeness = ClosenessField(read_only=True)
    shared_life_domains = serializers.ListField(child=LifeDomainField(), read_only=True)
    has_account = serializers.SerializerMethodField()

    class Meta:
        model = CircleMember
        fields = [
            "id",
            "name",
            "relation",
            "relation_detail",
            "closeness",
            "email",
            "phone",
            "shared_life_domains",
            "shares_dream",
            "shares_contact",
            "has_account",
            "revision",
        ]
        read_only_fields = fields

    def get_has_account(self, member) -> bool:
        return member.user_id is not None


class NewCircleMemberSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True)
    relation = RelationField(required=False, allow_null=True)
    relation_detail = serializers.CharField(required=False, allow_blank=True)
    closeness = ClosenessField(
        required=False,
        allow_null=True,
        help_text="The ring on the circle picture; left out: unchanged (a new member: near).",
    )
    email = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    shared_life_domains = serializers.ListField(child=LifeDomainField(), required=False)
    shares_dream = serializers.BooleanField(required=False)
    shares_contact = serializers.BooleanField(
        required=False, help_text="May see the household's address, e-mail and phone."
    )


class CircleMemberChangeSerializer(NewCircleMemberSerializer):
    revision = serializers.IntegerField(min_value=1, help_text=REVISION_HELP)


# --- the plan --------------------------------------------------------------------------------


class PlanSerializer(serializers.ModelSerializer):
    DREAM_FIELDS = ("strengths", "dream", "contributions")

    strengths = serializers.CharField(required=False, help_text=DREAM_HELP)
    dream = serializers.CharField(required=False, help_text=DREAM_HELP)
    contributions = serializers.CharField(required=False, help_text=DREAM_HELP)
    latest_version = serializers.IntegerField(
        source="latest_version.number",
        required=False,
        allow_null=True,
        help_text="Number of the last approved version; only for those who may see versions.",
    )

    class Meta:
        model = Plan
        fields = [
            "strengths",
            "dream",
            "contributions",
            "revision",
            "has_unapproved_changes",
            "latest_version",
        ]
        read_only_fields = ["revision", "has_unapproved_changes"]

    def __init__(self, *args, shows_dream: bool = True, shows_versions: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        hidden = (self.DREAM_FIELDS if not shows_dream else ()) + (
            ("latest_version",) if not shows_versions else ()
        )
        for name in hidden:
            self.fields.pop(name)


class PlanTextChangeSerializer(serializers.Serializer):
    strengths = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    dream = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    contributions = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    revision = serializers.IntegerField(min_value=1, help_text=REVISION_HELP)

    def validate(self, attrs):
        if not any(name in attrs for name in PlanSerializer.DREAM_FIELDS):
            raise serializers.ValidationError(
                _("Geef minstens één deel van het plan mee: strengths, dream of contributions.")
            )
        return attrs


class ActionSerializer(serializers.ModelSerializer):
    goal_id = serializers.IntegerField(read_only=True)
    performer = PerformerField(read_only=True)
    performer_label = serializers.CharField(read_only=True)
    person_id = serializers.IntegerField(read_only=True, allow_null=True)
    circle_member_id = serializers.IntegerField(read_only=True, allow_null=True)
    status = ActionStatusField(read_only=True)
    commitment = CommitmentField(
        read_only=True,
        help_text="For an action asked of a circle member: their answer (empty otherwise).",
    )

    class Meta:
        model = Action
        fields = [
            "id",
            "goal_id",
            "description",
            "performer",
            "performer_label",
            "person_id",
            "circle_member_id",
            "performer_name",
            "due_date",
            "status",
            "commitment",
            "position",
            "revision",
        ]
        read_only_fields = fields


class NewActionSerializer(serializers.Serializer):
    description = serializers.CharField(required=False, allow_blank=True)
    performer = PerformerField(required=False, allow_null=True)
    person_id = serializers.IntegerField(required=False, allow_null=True)
    circle_member_id = serializers.IntegerField(required=False, allow_null=True)
    performer_name = serializers.CharField(required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    status = ActionStatusField(required=False, allow_null=True)


class ActionChangeSerializer(NewActionSerializer):
    revision = serializers.IntegerField(min_value=1, help_text=REVISION_HELP)


class GoalSerializer(serializers.ModelSerializer):
    life_domain = LifeDomainField(read_only=True)
    person_id = serializers.IntegerField(read_only=True, allow_null=True)
    person_name = serializers.CharField(source="person.first_name", read_only=True, allow_null=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "text",
            "life_domain",
            "person_id",
            "person_name",
            "position",
            "revision",
            "actions",
        ]
        read_only_fields = fields


class NewGoalSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True)
    life_domain = LifeDomainField(required=False, allow_null=True)
    person_id = serializers.IntegerField(required=False, allow_null=True)


class GoalChangeSerializer(NewGoalSerializer):
    revision = serializers.IntegerField(min_value=1, help_text=REVISION_HELP)


class RevisionQuerySerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "The revision you last received; when it no longer matches, nothing is "
            "deleted and the answer is 409."
        ),
    )


# --- proposals -------------------------------------------------------------------------------


class ProposalSerializer(serializers.ModelSerializer):
    kind = ProposalKindField(read_only=True)
    status = ProposalStatusField(read_only=True)
    goal_id = serializers.IntegerField(read_only=True, allow_null=True)
    action_id = serializers.IntegerField(read_only=True, allow_null=True)
    payload = serializers.DictField(read_only=True)
    final_payload = serializers.DictField(read_only=True, allow_null=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "kind",
            "status",
            "goal_id",
            "action_id",
            "payload",
            "explanation",
            "author_name",
            "author_role",
            "final_payload",
            "decline_reason",
            "created_at",
            "answered_at",
        ]
        read_only_fields = fields


class NewProposalSerializer(serializers.Serializer):
    kind = ProposalKindField()
    payload = serializers.DictField(
        help_text=(
            "The proposed fields: those of a goal (add_goal, change_goal), those of an action "
            "(add_action, change_action), or field and text (change_text)."
        )
    )
    goal = serializers.IntegerField(
        required=False, allow_null=True, help_text="For change_goal and add_action."
    )
    action = serializers.IntegerField(
        required=False, allow_null=True, help_text="For change_action."
    )
    explanation = serializers.CharField(required=False, allow_blank=True)


class AcceptProposalSerializer(serializers.Serializer):
    changes = serializers.DictField(
        required=False,
        help_text="The resident's own changes to the proposed fields, if any.",
    )


class DeclineProposalSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True)


# --- versions --------------------------------------------------------------------------------


class VersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = ["number", "approved_at", "approved_by_name", "note"]
        read_only_fields = fields


class VersionSerializer(VersionSummarySerializer):
    snapshot = serializers.DictField(read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [*VersionSummarySerializer.Meta.fields, "snapshot"]
        read_only_fields = fields


class ApprovalSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "The plan revision the resident saw; when the plan changed since, nothing is "
            "approved and the answer is 409."
        ),
    )
    note = serializers.CharField(required=False, allow_blank=True)


class ChangeDetailSerializer(serializers.Serializer):
    what = serializers.CharField(read_only=True)
    before = serializers.CharField(read_only=True)
    after = serializers.CharField(read_only=True)

    def to_representation(self, detail):
        what, before, after = detail
        return {"what": str(what), "before": str(before), "after": str(after)}


@extend_schema_field(
    {"type": "string", "enum": ["added", "removed", "changed"]}, component_name="ChangeKind"
)
class ChangeKindField(serializers.CharField):
    pass


class ChangeSerializer(serializers.Serializer):
    kind = ChangeKindField(read_only=True)
    sentence = serializers.CharField(read_only=True)
    details = ChangeDetailSerializer(many=True, read_only=True)


class ComparisonSerializer(serializers.Serializer):
    to = serializers.IntegerField(read_only=True)
    changes = ChangeSerializer(many=True, read_only=True)

    def get_fields(self):
        # "from" is a Python keyword, so it cannot be declared as a class attribute.
        return {"from": serializers.IntegerField(read_only=True), **super().get_fields()}


# --- errors, for the schema ------------------------------------------------------------------


class ErrorDetailSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


class FieldErrorsSerializer(serializers.Serializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text=(
            "Per field the messages, in plain Dutch; about the whole request under "
            "non_field_errors."
        ),
    )


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)
    current = serializers.DictField(
        read_only=True,
        allow_null=True,
        help_text="The object as it is now, in the same shape as a normal answer.",
    )
