-- The inventory and the ledger name each rule by one id (jp.daicho.vocabulary.Rule): the ledger's violations
-- lose their 'ledger:' prefix (raised_by says who raised them), and two rules known by two names keep one.
-- A renamed row that would duplicate an open one of the new name is folded into it (occurrences added).
create temporary table renamed_rule (old text primary key, new text not null) on commit drop;
insert into renamed_rule values ('my-number-provision', 'my-number-provided'), ('batch-record-for-opt-out', 'opt-out-record-mode');

update violation v set rule = coalesce(r.new, substring(v.rule from 8))
from (select id, substring(rule from 8) as bare from violation where rule like 'ledger:%') l
left join renamed_rule r on r.old = l.bare
where v.id = l.id
  and not exists (select 1 from violation o where o.pipeline_id is not distinct from v.pipeline_id
                  and o.dataset_id is not distinct from v.dataset_id and o.field_name is not distinct from v.field_name
                  and o.rule = coalesce(r.new, l.bare));

update violation v set rule = r.new
from renamed_rule r
where v.rule = r.old
  and not exists (select 1 from violation o where o.pipeline_id is not distinct from v.pipeline_id
                  and o.dataset_id is not distinct from v.dataset_id and o.field_name is not distinct from v.field_name
                  and o.rule = r.new);

-- What could not be renamed duplicates a row of the new name: count it there, then drop it.
update violation o set occurrences = o.occurrences + d.occurrences
from violation d left join renamed_rule r on r.old = d.rule or 'ledger:' || r.old = d.rule
where (d.rule like 'ledger:%' or r.old is not null)
  and o.pipeline_id is not distinct from d.pipeline_id and o.dataset_id is not distinct from d.dataset_id
  and o.field_name is not distinct from d.field_name
  and o.rule = coalesce(r.new, substring(d.rule from 8));
delete from violation d using renamed_rule r where d.rule = r.old or d.rule = 'ledger:' || r.old;
delete from violation where rule like 'ledger:%';
