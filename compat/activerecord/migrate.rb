# frozen_string_literal: true

# Applies Ferry's generated Rails migrations with ActiveRecord's own migrator.
#
#   ruby migrate.rb <database url> <db/migrate folder> [up|down|redo]
#
# up: migrate to the latest version; down: revert every migration; redo: up, down, up.
require "active_record"

ActiveRecord::Base.establish_connection(ARGV.fetch(0))
ActiveRecord::Migration.verbose = false
context = ActiveRecord::MigrationContext.new(ARGV.fetch(1), ActiveRecord::SchemaMigration)
steps = { "up" => [:up], "down" => [:down], "redo" => %i[up down up] }.fetch(ARGV.fetch(2, "up"))
steps.each { |step| step == :up ? context.migrate : context.migrate(0) }
puts "version #{context.current_version} after #{steps.join(', ')}"
