# frozen_string_literal: true

# Applies migrations with ActiveRecord's own migrator, from the folders a database's
# `migrations_paths` setting lists (config/database.yml's key, passed here with the connection).
#
#   ruby migrate.rb <database url> <folder>[,<folder>...] [up|down|redo]
#
# up: migrate to the latest version; down: revert every migration; redo: up, down, up.
require "active_record"

ActiveRecord::Base.establish_connection(url: ARGV.fetch(0), migrations_paths: ARGV.fetch(1).split(","))
ActiveRecord::Migration.verbose = false
context = ActiveRecord::Base.connection.migration_context
steps = { "up" => [:up], "down" => [:down], "redo" => %i[up down up] }.fetch(ARGV.fetch(2, "up"))
steps.each { |step| step == :up ? context.migrate : context.migrate(0) }
puts "version #{context.current_version} after #{steps.join(', ')} from #{context.migrations.size} migrations"
