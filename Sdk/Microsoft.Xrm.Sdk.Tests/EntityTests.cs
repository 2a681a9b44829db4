using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Client;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

public class EntityTests
{
    [Fact]
    public void Starts_with_empty_collections_and_no_id()
    {
        var entity = new Entity();

        Assert.Empty(entity.Attributes);
        Assert.Empty(entity.FormattedValues);
        Assert.Empty(entity.RelatedEntities);
        Assert.Empty(entity.KeyAttributes);
        Assert.Equal(Guid.Empty, entity.Id);
        Assert.Null(entity.LogicalName);
        Assert.Null(entity.EntityState);
    }

    [Fact]
    public void Takes_logical_name_and_id_from_the_constructor()
    {
        var id = Guid.NewGuid();

        var entity = new Entity("contact", id);

        Assert.Equal("contact", entity.LogicalName);
        Assert.Equal(id, entity.Id);
        Assert.False(entity.Contains("contactid"));
    }

    [Fact]
    public void Takes_an_alternate_key_from_the_constructor()
    {
        var entity = new Entity("contact", "emailaddress1", "ada@example.com");

        Assert.Equal("ada@example.com", entity.KeyAttributes["emailaddress1"]);
    }

    [Fact]
    public void Indexer_reads_and_writes_the_attributes()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        entity["firstname"] = "Grace";

        Assert.Equal("Grace", entity["firstname"]);
        Assert.Equal("Grace", entity.Attributes["firstname"]);
        Assert.True(entity.Contains("firstname"));
    }

    [Fact]
    public void Indexer_writes_the_attributes_directly_without_calling_SetAttributeValue()
    {
        var contact = new Contact();

        contact["firstname"] = "Ada";
        contact.FirstName = "Grace";

        Assert.Equal(1, contact.SetAttributeValueCalls);
        Assert.Equal("Grace", contact["firstname"]);
    }

    [Fact]
    public void Indexer_throws_KeyNotFoundException_for_a_missing_attribute()
    {
        var entity = new Entity("contact");

        Assert.Throws<KeyNotFoundException>(() => entity["firstname"]);
    }

    [Fact]
    public void Attribute_names_are_case_sensitive()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        Assert.False(entity.Contains("FirstName"));
        Assert.Null(entity.GetAttributeValue<string>("FirstName"));
    }

    [Fact]
    public void GetAttributeValue_returns_the_value_cast_to_the_requested_type()
    {
        var parent = new EntityReference("account", Guid.NewGuid());
        var entity = new Entity("contact") { ["parentcustomerid"] = parent, ["numberofchildren"] = 2 };

        Assert.Same(parent, entity.GetAttributeValue<EntityReference>("parentcustomerid"));
        Assert.Equal(2, entity.GetAttributeValue<int?>("numberofchildren"));
    }

    [Fact]
    public void GetAttributeValue_returns_default_when_the_attribute_is_missing()
    {
        var entity = new Entity("contact");

        Assert.Null(entity.GetAttributeValue<string>("firstname"));
        Assert.Equal(0, entity.GetAttributeValue<int>("numberofchildren"));
        Assert.Null(entity.GetAttributeValue<int?>("numberofchildren"));
        Assert.Equal(Guid.Empty, entity.GetAttributeValue<Guid>("contactid"));
    }

    [Fact]
    public void GetAttributeValue_returns_default_when_the_attribute_is_null()
    {
        var entity = new Entity("contact") { ["birthdate"] = null };

        Assert.Equal(default, entity.GetAttributeValue<DateTime>("birthdate"));
        Assert.Null(entity.GetAttributeValue<DateTime?>("birthdate"));
    }

    [Fact]
    public void GetAttributeValue_throws_InvalidCastException_for_a_value_of_another_type()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        Assert.Throws<InvalidCastException>(() => entity.GetAttributeValue<EntityReference>("firstname"));
    }

    [Fact]
    public void TryGetAttributeValue_finds_a_non_null_value_of_the_type()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada", ["middlename"] = null };

        Assert.True(entity.TryGetAttributeValue<string>("firstname", out var firstName));
        Assert.Equal("Ada", firstName);
        Assert.False(entity.TryGetAttributeValue<string>("middlename", out var middleName));
        Assert.Null(middleName);
        Assert.False(entity.TryGetAttributeValue<string>("lastname", out var lastName));
        Assert.Null(lastName);
    }

    [Fact]
    public void TryGetAttributeValue_converts_through_the_type_s_TypeConverter()
    {
        var entity = new Entity("contact") { ["numberofchildren"] = "5", ["gendercode"] = new OptionSetValue(2), ["spousesname"] = "Charles" };

        Assert.True(entity.TryGetAttributeValue<int>("numberofchildren", out var children));
        Assert.Equal(5, children);
        Assert.True(entity.TryGetAttributeValue<int?>("numberofchildren", out var maybeChildren));
        Assert.Equal(5, maybeChildren);
        Assert.False(entity.TryGetAttributeValue<int>("gendercode", out var gender));
        Assert.Equal(0, gender);
        Assert.False(entity.TryGetAttributeValue<int>("spousesname", out var notANumber));
        Assert.Equal(0, notANumber);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void TryGetAttributeValue_answers_false_for_a_missing_name(string? name)
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        Assert.False(entity.TryGetAttributeValue<string>(name!, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Reading_or_writing_an_attribute_without_a_name_throws_ArgumentNullException(string? name)
    {
        var contact = new Contact();

        Assert.Equal("attributeLogicalName", Assert.Throws<ArgumentNullException>(() => contact.GetAttributeValue<string>(name!)).ParamName);
        Assert.Equal("attributeLogicalName", Assert.Throws<ArgumentNullException>(() => contact.Set(name!, "Ada")).ParamName);
        Assert.Equal("attributeLogicalName", Assert.Throws<ArgumentNullException>(() => contact.Formatted(name!)).ParamName);
    }

    [Fact]
    public void ToEntityReference_carries_logical_name_id_and_row_version_but_not_alternate_keys()
    {
        var entity = new Entity("contact", Guid.NewGuid()) { RowVersion = "1042" };
        entity.KeyAttributes["emailaddress1"] = "ada@example.com";

        var reference = entity.ToEntityReference();

        Assert.Equal("contact", reference.LogicalName);
        Assert.Equal(entity.Id, reference.Id);
        Assert.Equal("1042", reference.RowVersion);
        Assert.Empty(reference.KeyAttributes);
    }

    [Fact]
    public void ToEntity_gives_a_shallow_copy_of_the_requested_type()
    {
        var entity = new Entity("contact", Guid.NewGuid()) { ["firstname"] = "Ada", RowVersion = "1042" };

        var contact = entity.ToEntity<Contact>();

        Assert.IsType<Contact>(contact);
        Assert.NotSame(entity, contact);
        Assert.Equal(entity.Id, contact.Id);
        Assert.Equal("1042", contact.RowVersion);
        Assert.Equal("Ada", contact.FirstName);
        Assert.Same(entity.Attributes, contact.Attributes);
    }

    [Fact]
    public void ToEntity_of_Entity_itself_needs_neither_a_binding_nor_a_logical_name()
    {
        var copy = new Entity { ["firstname"] = "Ada" }.ToEntity<Entity>();

        Assert.Null(copy.LogicalName);
        Assert.Equal("Ada", copy["firstname"]);
    }

    [Fact]
    public void ToEntity_refuses_a_type_bound_to_another_table()
    {
        var entity = new Entity("account", Guid.NewGuid());

        var error = Assert.Throws<NotSupportedException>(() => entity.ToEntity<Contact>());

        Assert.Equal("Cannot convert entity account to contact", error.Message);
    }

    [Fact]
    public void ToEntity_refuses_a_type_without_EntityLogicalName()
    {
        var error = Assert.Throws<NotSupportedException>(() => new Entity("contact").ToEntity<UnboundContact>());

        Assert.Equal("Cannot convert to type that is does not have EntityLogicalNameAttribute", error.Message);
    }

    [Fact]
    public void ToEntity_refuses_an_entity_without_a_logical_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => new Entity().ToEntity<Contact>());

        Assert.Equal("LogicalName must be set before calling ToEntity()", error.Message);
    }

    [Fact]
    public void EntityLogicalName_refuses_a_missing_name()
    {
        Assert.Equal("logicalName", Assert.Throws<ArgumentNullException>(() => new EntityLogicalNameAttribute(" ")).ParamName);
    }

    [Fact]
    public void Collections_set_to_null_read_as_new_empty_ones()
    {
        var entity = new Entity("contact")
        {
            Attributes = null!,
            KeyAttributes = null!,
            FormattedValues = null!,
            RelatedEntities = null!,
        };

        Assert.Empty(entity.Attributes);
        Assert.Empty(entity.KeyAttributes);
        Assert.Empty(entity.FormattedValues);
        Assert.Empty(entity.RelatedEntities);
        entity["firstname"] = "Ada";
        Assert.Equal("Ada", entity.Attributes["firstname"]);
    }

    [Fact]
    public void Early_bound_helpers_read_and_write_related_entities()
    {
        var contact = new Contact();
        var account = new Entity("account", Guid.NewGuid());

        contact.ParentAccount = account;

        Assert.Equal(account.Id, contact.ParentAccount!.Id);
        Assert.True(contact.RelatedEntities.Contains(new Relationship("contact_customer_accounts")));
        contact.ParentAccount = null;
        Assert.Null(contact.ParentAccount);
        Assert.Empty(contact.RelatedEntities);
    }

    [Fact]
    public void Early_bound_helpers_read_formatted_values()
    {
        var contact = new Contact();
        contact.FormattedValues["gendercode"] = "Female";

        Assert.Equal("Female", contact.GenderText);
        Assert.Null(new Contact().GenderText);
    }

    /// <summary>An early-bound class as code generators write them, to reach Entity's protected helpers.</summary>
    [EntityLogicalName("contact")]
    private sealed class Contact : Entity
    {
        public Contact()
            : base("contact")
        {
        }

        public int SetAttributeValueCalls { get; private set; }

        public string? FirstName
        {
            get => GetAttributeValue<string>("firstname");
            set => SetAttributeValue("firstname", value);
        }

        public void Set(string name, object value) => SetAttributeValue(name, value);

        public string? Formatted(string name) => GetFormattedAttributeValue(name);

        protected override void SetAttributeValue(string attributeLogicalName, object? value)
        {
            SetAttributeValueCalls++;
            base.SetAttributeValue(attributeLogicalName, value);
        }

        public string? GenderText => GetFormattedAttributeValue("gendercode");

        public Entity? ParentAccount
        {
            get => GetRelatedEntity<Entity>("contact_customer_accounts", null);
            set => SetRelatedEntity("contact_customer_accounts", null, value);
        }
    }

    /// <summary>An early-bound class someone forgot to bind to its table.</summary>
    private sealed class UnboundContact : Entity
    {
    }
}
