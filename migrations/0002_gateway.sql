CREATE TABLE `gateway_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`body` text NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `gateway_cache_expires` ON `gateway_cache` (`expires_at`);--> statement-breakpoint
CREATE TABLE `gateway_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`api_key_id` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`input` text NOT NULL,
	`providers` text,
	`result` text,
	`error` text,
	`error_code` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 3 NOT NULL,
	`not_before` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `gateway_tasks_claim` ON `gateway_tasks` (`status`,`priority`,`created_at`);--> statement-breakpoint
CREATE INDEX `gateway_tasks_tenant_status` ON `gateway_tasks` (`tenant_id`,`status`,`created_at`);