"""GRPO with TRL, rewards from a Sightline server: one reward function per component, weighted by TRL.

    npx sightline serve --spec examples/grounding/spec.yaml &
    python examples/trl/train_grpo.py

The dataset's `solution` column is sent as the reference, `task` routes within the spec, and PIL images in an
`image`/`images` column are sent as their sizes. A component that could not be scored for an item (a timeout, a
task with no route) comes back as None, which TRL excludes for that sample.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "clients", "python"))

from sightline_client import trl_reward_funcs  # noqa: E402


def main() -> None:
    from datasets import load_dataset  # your multimodal dataset with prompt / image / solution / task columns
    from trl import GRPOConfig, GRPOTrainer

    reward_funcs = trl_reward_funcs(url=os.environ.get("SIGHTLINE_URL", "http://127.0.0.1:8787"))
    # one weight per function, in order; here: every component the spec writes, equally weighted
    config = GRPOConfig(output_dir="out", reward_weights=[1.0] * len(reward_funcs), log_completions=True)
    trainer = GRPOTrainer(
        model="Qwen/Qwen2.5-VL-3B-Instruct",
        reward_funcs=reward_funcs,  # logged as rewards/<component>/mean
        args=config,
        train_dataset=load_dataset("your/grounding-dataset", split="train"),
    )
    trainer.train()


if __name__ == "__main__":
    main()
