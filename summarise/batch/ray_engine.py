"""The Ray engine: the same batch job on a Ray cluster, with Ray Data's streaming executor.

    inputs ──from_items──▶ Dataset ──map_batches(segment_rows: stateless tasks)──▶ segmented articles
        ──map_batches(BriefWorker: an actor pool)──▶ one Attempt per input ──▶ the driver's manifest

Each actor builds one Pipeline and keeps it, so its models load once (on its first group) and serve
every group after; it briefs ``articles_per_batch`` articles at a time with briefing.brief_and_write,
the local engine's unit of work (the same length-sorted generate() batching across articles), and
writes every brief itself, atomically, into the output directory. Only Attempts travel back: the
driver is the manifest's one writer, so lines from workers that finish at once never interleave.

Where the output directory must be: a path every node can write at the same name (the driver's own
disk for a one-machine cluster, or a shared filesystem such as NFS for several machines). Object
stores (``s3://``) are not supported: briefs are renamed into place, which they cannot do.

Faults: a worker process that dies is restarted by Ray (``max_restarts=-1``) and the group it held is
run again on it (``max_task_retries=-1``); a redone brief replaces its files whole, and the driver
records each input once. Ctrl-C on the driver stops the dataset and, when this job started Ray,
shuts Ray down; a cluster it connected to keeps running, without this job's actors.

Importing this module imports no Ray: it is loaded only when ``--engine ray`` is asked for.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
from collections.abc import Sequence
from typing import Any

from ..errors import ConfigError, SummariseError
from ..models.registry import Registry
from ..settings import Settings
from .briefing import JobSpec, attempt_from_json, brief_and_write, failed_attempt
from .inputs import BatchInput
from .memory import peak_rss_mb
from .runner import Job

# CPU each segmentation task asks Ray for: small, so that a node's actor can hold the rest of its CPUs
# and the next articles are still segmented beside it (segmenting is far quicker than briefing).
SEGMENT_TASK_CPUS = 0.1
# Inputs per Dataset block: the unit a segmentation task takes. A few groups' worth keeps the stream
# moving (the first actors start work early) without a task per article.
GROUPS_PER_BLOCK = 2


class RayEngine:
    """``address``: a running cluster (``ray://`` or ``HOST:PORT``; else $RAY_ADDRESS; else Ray is
    started on this machine for the job). ``workers``: actors in the pool (default: one per node, or
    one per ``gpus_per_worker`` GPUs). ``threads_per_worker``: torch threads per CPU actor (default: the
    cluster's CPUs shared among the workers)."""

    def __init__(
        self,
        *,
        address: str | None = None,
        workers: int | None = None,
        gpus_per_worker: float = 0.0,
        threads_per_worker: int | None = None,
        local_cpus: int | None = None,
    ):
        if workers is not None and workers < 1:
            raise ConfigError(f"--workers must be at least 1 (got {workers})")
        if gpus_per_worker < 0:
            raise ConfigError(f"--gpus-per-worker must not be negative (got {gpus_per_worker})")
        self.address = address
        self.workers = workers
        self.gpus_per_worker = gpus_per_worker
        self.threads_per_worker = threads_per_worker
        self.local_cpus = local_cpus
        self._tokens = 0
        self.worker_peak_rss_mb: float | None = None
        self.nodes: set[str] = set()

    def run(self, job: Job, todo: Sequence[BatchInput], stop: threading.Event, articles_per_batch: int) -> None:
        ray = _import_ray()
        started_here = self._connect(ray)
        try:
            runnable = job.record_known_failures(todo)
            if runnable and not stop.is_set():
                self._stream(ray, job, runnable, stop, articles_per_batch)
        finally:
            if started_here:
                ray.shutdown()

    def generated_tokens(self) -> int:
        return self._tokens

    # -- the cluster ------------------------------------------------------------------------------
    def _connect(self, ray) -> bool:
        """Join the cluster (or start one); True when this job started it and must shut it down."""
        if ray.is_initialized():  # a caller (a notebook, a test) connected already: use that
            return False
        address = self.address or os.environ.get("RAY_ADDRESS") or None
        options: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
        try:
            if address:
                _check_reachable(address)
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=self.local_cpus, include_dashboard=False, **options)
        except Exception as error:  # noqa: BLE001 - every way of failing to reach a cluster becomes one error
            where = f"the Ray cluster at {address}" if address else "a local Ray instance"
            raise ConfigError(
                f"could not start or join {where}: {error}",
                "check --address (or RAY_ADDRESS) names a running cluster's head (`ray start --head` prints it), "
                "or leave it out to run Ray on this machine",
            ) from None
        return True

    def _pool(self, ray) -> tuple[int, float, float, int]:
        """Workers, CPUs and GPUs each asks for, and its torch threads, from the cluster's resources."""
        nodes = [node["Resources"] for node in ray.nodes() if node.get("Alive")]
        cpus = [resources.get("CPU", 0.0) for resources in nodes if resources.get("CPU", 0.0) > 0]
        total_gpus = sum(resources.get("GPU", 0.0) for resources in nodes)
        if not cpus:
            raise ConfigError("the Ray cluster has no node with a CPU", "add a worker node with `ray start --address=HEAD`")
        if self.gpus_per_worker > 0:
            if total_gpus < self.gpus_per_worker:
                raise ConfigError(
                    f"--gpus-per-worker {self.gpus_per_worker:g} but the Ray cluster has {total_gpus:g} GPU(s)",
                    "leave --gpus-per-worker out to run on CPUs, or join GPU nodes to the cluster",
                )
            workers = self.workers or max(1, int(total_gpus // self.gpus_per_worker))
            threads = self.threads_per_worker or 1
            return workers, 1.0, self.gpus_per_worker, threads
        workers = self.workers or len(cpus)
        threads = self.threads_per_worker or max(1, int(sum(cpus) // workers))
        # Logical CPUs only schedule: an actor asks for its threads (at most a node's CPUs) less the
        # segmentation task's share, so that task always finds room beside it.
        reserve = max(SEGMENT_TASK_CPUS, min(float(threads), max(cpus)) - SEGMENT_TASK_CPUS)
        if workers * reserve > sum(cpus) - SEGMENT_TASK_CPUS + 1e-9:
            raise ConfigError(
                f"--workers {workers} with {threads} thread(s) each needs {workers * reserve:g} CPUs; "
                f"the Ray cluster has {sum(cpus):g}",
                "ask for fewer workers, or add nodes to the cluster",
            )
        return workers, reserve, 0.0, threads

    # -- the job ----------------------------------------------------------------------------------
    def _stream(self, ray, job: Job, runnable: list[BatchInput], stop: threading.Event, articles_per_batch: int) -> None:
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the job's own progress reports per article
        context.execution_options.preserve_order = False  # results are matched to inputs by index
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        workers, cpus, gpus, threads = self._pool(ray)
        per_block = GROUPS_PER_BLOCK * articles_per_batch
        rows = [{"index": i, "item": pickle.dumps(item)} for i, item in enumerate(runnable)]
        dataset = (
            ray.data.from_items(rows, override_num_blocks=max(1, -(-len(rows) // per_block)))
            .map_batches(
                segment_rows,
                fn_kwargs={"settings": job.pipeline.settings, "registry": job.pipeline.registry},
                batch_size=articles_per_batch,
                num_cpus=SEGMENT_TASK_CPUS,
            )
            .map_batches(
                BriefWorker,
                fn_constructor_kwargs={
                    "settings": job.pipeline.settings,
                    "registry": job.pipeline.registry,
                    "spec": job.spec,
                    "threads": threads,
                },
                batch_size=articles_per_batch,
                # Ray Data gives its actors max_restarts=-1 and max_task_retries=-1: a killed worker
                # comes back and is given its group again.
                # One group in flight per actor: groups are seconds of model work, so the next one's
                # dispatch costs nothing, and a worker that starts late (loading its models) still gets
                # its share instead of the first one queueing them all; a killed worker redoes one group.
                compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=1),
                num_cpus=cpus,
                num_gpus=gpus or None,
            )
        )
        recorded: set[int] = set()
        results = iter(dataset.iter_rows())
        try:
            for row in results:
                index = int(row["index"])
                self._tokens += int(row["tokens"])
                rss = float(row["rss_mb"])
                self.worker_peak_rss_mb = max(self.worker_peak_rss_mb or 0.0, rss)
                if index in recorded:  # a retried group's repeat: its files were replaced whole, record it once
                    continue
                recorded.add(index)
                attempt = attempt_from_json(str(row["attempt"]))
                self.nodes.add(attempt.node)
                job.record(attempt)
                if stop.is_set():
                    return
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()  # stops the streaming executor and releases the actor pool


def segment_rows(batch: dict[str, Any], *, settings: Settings, registry: Registry) -> dict[str, Any]:
    """A Ray task: read and segment a block of inputs (Pipeline.segment_item, as the local engine's
    look-ahead thread does). Stateless: building a Pipeline loads no model."""
    from ..pipeline import Pipeline

    pipeline = Pipeline(settings, registry)
    segmented = []
    for index, payload in zip(batch["index"], batch["item"]):
        item: BatchInput = pickle.loads(payload)
        segmented.append(pickle.dumps(pipeline.segment_item(int(index), item.source)))
    return {"index": batch["index"], "item": batch["item"], "segmented": _objects(segmented)}


class BriefWorker:
    """A Ray actor: one Pipeline for its life (models loaded on the first group, then kept), briefing
    groups of segmented inputs and writing their files."""

    def __init__(self, settings: Settings, registry: Registry, spec: JobSpec, threads: int):
        import dataclasses
        import socket

        import ray
        import torch

        from ..pipeline import Pipeline

        torch.set_num_threads(max(1, threads))
        self.pipeline = Pipeline(settings, registry)
        node = ray.get_runtime_context().get_node_id()
        self.spec = dataclasses.replace(spec, node=f"{socket.gethostname()}/{node[:12]}")

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        from ..models.ct2 import loaded_generators

        before = sum(g.stats.generated_tokens for g in loaded_generators())
        items = [pickle.loads(payload) for payload in batch["item"]]
        segmented = [pickle.loads(payload) for payload in batch["segmented"]]
        try:
            attempts = brief_and_write(self.pipeline, self.spec, list(zip(items, segmented)))
        except Exception as error:  # noqa: BLE001 - a bug outside any one article: every item records it, the job goes on
            message = str(error) if isinstance(error, SummariseError) else f"unexpected {type(error).__name__}: {error}"
            attempts = [failed_attempt(self.spec, item, message) for item in items]
        tokens = sum(g.stats.generated_tokens for g in loaded_generators()) - before
        return {
            "index": batch["index"],
            "attempt": _objects([attempt.to_json() for attempt in attempts]),
            "tokens": [tokens] + [0] * (len(attempts) - 1),
            "rss_mb": [peak_rss_mb()] * len(attempts),
        }


def _check_reachable(address: str) -> None:
    """Fail in seconds, not after Ray's long connection retries, when nothing listens at HOST:PORT."""
    import socket

    if "://" in address or address == "auto":
        return  # ray:// clients and "auto" are Ray's to resolve
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"expected HOST:PORT, got {address!r}")
    with socket.create_connection((host, int(port)), timeout=5):
        pass


def _objects(values: list) -> Any:
    import numpy as np

    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401 - the engine needs Ray Data, not just Ray core
    except ImportError:
        raise ConfigError(
            "--engine ray needs Ray Data, which is not installed",
            'install it with `pip install "summarise[ray]"` (or `pip install "ray[data]>=2.60"`)',
        ) from None
    return ray
