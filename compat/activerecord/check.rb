# frozen_string_literal: true

# Loads Ferry's generated ActiveRecord models against a real database and proves every association
# with SQL the Java test computed (ActiveRecord is lazy: a wrong foreign_key shows up as a silent nil
# on an accessor, so every association also runs a joins and an includes query).
#
#   ruby check.rb spec.json
#
# spec.json: {"database": url, "models": dir, "models_expected": [{"table_name", "rows",
#   "key": [cols], "columns": [{"name", "sql_type", "null"}], "associations": [{"name", "target_key",
#   "owners": [owner keys], "pairs": [[owner key, target key]]}]}]}
# Prints "ok ..." / "FAIL ..." lines; exits 1 when anything failed.
require "active_record"
require "json"

spec = JSON.parse(File.read(ARGV.fetch(0)))
ActiveRecord::Base.establish_connection(spec.fetch("database"))
Dir[File.join(spec.fetch("models"), "**", "record.rb")].sort.each { |file| require file }
Dir[File.join(spec.fetch("models"), "**", "*.rb")].sort.each { |file| require file }

$failures = 0

def check(label, expected, actual)
  if expected == actual
    puts "ok #{label}"
  else
    $failures += 1
    puts "FAIL #{label}: expected #{expected.inspect}, got #{actual.inspect}"
  end
end

def key_of(record, columns)
  columns.map { |column| record.read_attribute(column).to_s }.join("|")
end

# has_and_belongs_to_many adds anonymous join models (Namespace::Model::HABTM_Things); not ours
models = ActiveRecord::Base.descendants.reject { |k| k.abstract_class? || k.name.nil? || k.name.include?("HABTM_") }
classes = {}
spec.fetch("models_expected").each do |model|
  matching = models.select { |k| k.table_name == model.fetch("table_name") }
  check("one model for table #{model.fetch('table_name')}", 1, matching.size)
  next unless matching.size == 1

  klass = matching.first
  classes[klass] = true
  name = klass.name
  check("#{name} abstract base", true, klass.superclass.abstract_class?)
  expected_columns = model.fetch("columns").map { |c| [c.fetch("name"), c.fetch("sql_type"), c.fetch("null")] }
  actual_columns = klass.columns_hash.values.map { |c| [c.name, c.sql_type + (c.array? ? "[]" : ""), c.null] }
  check("#{name} columns_hash", expected_columns, actual_columns)
  records = klass.all.to_a
  check("#{name} rows", model.fetch("rows"), records.size)
  if (first = records.first)
    check("#{name} read-only by default", true, first.readonly?)
  end
  key = model.fetch("key")
  owner_columns = key.map { |c| Arel.sql("#{klass.quoted_table_name}.#{klass.connection.quote_column_name(c)}") }
  model.fetch("associations").each do |association|
    label = "#{name}##{association.fetch('name')}"
    reflection = klass.reflect_on_association(association.fetch("name").to_sym)
    check("#{label} declared", true, !reflection.nil?)
    next unless reflection

    expected_pairs = association.fetch("pairs").sort
    # ActiveRecord cannot join a polymorphic belongs_to (EagerLoadPolymorphicError); includes preloads per type
    unless reflection.polymorphic?
      joined = klass.joins(reflection.name).pluck(*owner_columns).map { |row| Array(row).map(&:to_s).join("|") }.sort
      check("#{label} joins", expected_pairs.map(&:first).sort, joined)
    end
    target_key_of = ->(target) { reflection.polymorphic? ? Array(target.class.primary_key) : association.fetch("target_key") }
    pairs = []
    klass.includes(reflection.name).each do |owner|
      Array(owner.public_send(reflection.name)).each { |target| pairs << [key_of(owner, key), key_of(target, target_key_of.call(target))] }
    end
    check("#{label} includes", expected_pairs, pairs.sort)
    # the plain accessor, from a fresh record, for the first owner that has a target
    next if expected_pairs.empty? || key.empty?

    owner_key = expected_pairs.first.first
    owner = klass.where(key.zip(owner_key.split("|", -1)).to_h).take
    reached = Array(owner.public_send(reflection.name)).map { |target| key_of(target, target_key_of.call(target)) }.sort
    check("traverse #{label} from #{owner_key}", expected_pairs.select { |p| p.first == owner_key }.map(&:last).sort, reached)
  end
end

check("every model maps an expected table", models.size, classes.size)
base = classes.keys.map(&:superclass).uniq
base.each do |record_class|
  record_class.read_only_rows = false
  sample = record_class.descendants.map { |d| d.first }.compact.first
  check("#{record_class.name}.read_only_rows = false switches read-only off", false, sample.nil? ? false : sample.readonly?)
  record_class.read_only_rows = true
end

puts "#{$failures} failures"
exit($failures.zero? ? 0 : 1)
